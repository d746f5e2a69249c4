import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('what a start loads', () => {
  it('sets up a session without the tokenizer or the language detector, and loads each on first use', () => {
    // A fresh process: in this one the test setup has loaded the detector already.
    const script = `
      const { setupSession } = await import('./src/cli/session-setup.ts');
      const tokens = await import('./src/engine/tokens.ts');
      const setup = await setupSession('glass-orchard', { offline: true, headless: true });
      const before = { tokenizer: tokens.tokenizerLoaded() };
      let detectorThrew = false;
      try { (await import('./src/engine/critics/language-id.ts')).identifyLanguage('Der Hund bellt laut.', 'en'); } catch { detectorThrew = true; }
      await setup.session.warmUp();
      console.log(JSON.stringify({ tokenizerBefore: before.tokenizer, detectorThrew, tokenizerAfter: tokens.tokenizerLoaded() }));
      await setup.store.close();
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/Error/);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toEqual({ tokenizerBefore: false, detectorThrew: true, tokenizerAfter: true });
  });

  it("loads the pattern engine (re2js) for the lore's regex keys in the warm-up, not at the start", () => {
    // glass-orchard has a `/glow-?worms?/i` key. A first run in the data folder fills the pack cache
    // (validating a pack compiles its patterns), as every start after a player's first finds it.
    const home = mkdtempSync(join(tmpdir(), 'skald-test-lazy-'));
    const script = `
      const { createRequire } = await import('node:module');
      const re2jsLoaded = () => Object.keys(createRequire(process.cwd() + '/').cache).some((file) => /[\\/]re2js[\\/]/.test(file));
      const { setupSession } = await import('./src/cli/session-setup.ts');
      const setup = await setupSession('glass-orchard', { offline: true, headless: true });
      const atStart = re2jsLoaded();
      await setup.session.warmUp();
      console.log(JSON.stringify({ atStart, afterWarmUp: re2jsLoaded() }));
      await setup.store.close();
    `;
    const runs = [0, 1].map(() =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0', SKALD_HOME: home },
        timeout: 120_000,
      }),
    );
    for (const run of runs) expect(run.stderr).not.toMatch(/Error/);
    expect(JSON.parse(runs[1].stdout.trim().split('\n').pop()!)).toEqual({ atStart: false, afterWarmUp: true });
  });
});
