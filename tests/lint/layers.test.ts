import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { layersRule } from '../../scripts/eslint-layers.js';

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const at = (file: string) => join(process.cwd(), 'src', file);

tester.run('skald/layers', layersRule, {
  valid: [
    { filename: at('engine/prompt/build.ts'), code: "import { neutralize } from '../../text/sanitize.js';" },
    { filename: at('engine/prompt/build.ts'), code: "import type { WorldPack } from '../../world/types.js';" },
    { filename: at('engine/prompt/build.ts'), code: "import { plan } from '../planner/index.js';" },
    { filename: at('config/settings.ts'), code: "import { InputError } from '../errors.js';" },
    { filename: at('cli/play-tui.ts'), code: "const { App } = await import('../ui/App.js');" },
    { filename: at('ui/App.tsx'), code: "import { useState } from 'react';" },
    { filename: at('ui/debug/sections.ts'), code: "import { redactSecrets } from '../../text/redact.js';" },
    { filename: at('world/discover.ts'), code: "import { dataPaths } from '../paths.js';" },
    // Outside src/ the rule has nothing to say.
    { filename: join(process.cwd(), 'tests/ui/harness.tsx'), code: "import { fileServices } from '../../src/cli/file-services.js';" },
  ],
  invalid: [
    {
      filename: at('config/settings.ts'),
      code: "import { InputError } from '../cli/errors.js';",
      errors: [
        {
          messageId: 'upward',
          data: { from: 'config', to: 'cli', source: '../cli/errors.js', allowed: 'text, errors, paths, engine, world' },
        },
      ],
    },
    {
      filename: at('engine/critics/boundary.ts'),
      code: "export { listSessions } from '../../store/list.js';",
      errors: [{ messageId: 'upward' }],
    },
    { filename: at('engine/session.ts'), code: "export * from '../providers/select.js';", errors: [{ messageId: 'upward' }] },
    {
      filename: at('ui/model-switch.ts'),
      code: "const { resolveProvider } = await import('../providers/select.js');",
      errors: [{ messageId: 'upward' }],
    },
    { filename: at('ui/services.ts'), code: "let p: import('../cli/options.js').PlayOptions;", errors: [{ messageId: 'upward' }] },
    { filename: at('text/sanitize.ts'), code: "import { dataPaths } from '../config/store.js';", errors: [{ messageId: 'upward' }] },
    // Where files live on disk is a leaf (src/paths.ts): packs, sessions and the evaluator find
    // their folders without reading settings, and the engine knows no folder at all.
    { filename: at('world/discover.ts'), code: "import { getSetting } from '../config/settings.js';", errors: [{ messageId: 'upward' }] },
    {
      filename: at('store/session-file.ts'),
      code: "import { getSetting } from '../config/settings.js';",
      errors: [{ messageId: 'upward' }],
    },
    { filename: at('eval/run.ts'), code: "import { getSetting } from '../config/settings.js';", errors: [{ messageId: 'upward' }] },
    { filename: at('engine/session/session.ts'), code: "import { dataPaths } from '../../paths.js';", errors: [{ messageId: 'upward' }] },
    { filename: at('ui/App.tsx'), code: "import { dataPaths } from '../paths.js';", errors: [{ messageId: 'upward' }] },
    // Settings and profiles are the CLI's to read; the UI and its commands get what they need handed over.
    {
      filename: at('ui/debug/sections.ts'),
      code: "import { redactSecrets } from '../../config/redact.js';",
      errors: [{ messageId: 'upward' }],
    },
    {
      filename: at('commands/model-switch.ts'),
      code: "import type { Settings } from '../config/settings.js';",
      errors: [{ messageId: 'upward' }],
    },
    { filename: at('errors.ts'), code: "import { neutralize } from './text/sanitize.js';", errors: [{ messageId: 'upward' }] },
    { filename: at('plugins/x.ts'), code: "import { neutralize } from '../text/sanitize.js';", errors: [{ messageId: 'unplaced' }] },
  ],
});
