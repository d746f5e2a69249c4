import { spawnSync } from 'node:child_process';
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
});
