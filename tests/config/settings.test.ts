import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSetting, parseValue, readSettings, setSetting, checkKey, SETTING_KEYS } from '../../src/config/settings.js';
import { runCli } from './cli.js';

const freshHome = () => ({ ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-settings-')) });

describe('settings', () => {
  it('start from the defaults', () => {
    expect(readSettings(freshHome())).toEqual({
      candidates: 3,
      contextBudget: 8192,
      activeProfile: undefined,
      debugPane: false,
      judgeProfile: undefined,
    });
  });

  it('are stored in config.json under the data directory', () => {
    const env = freshHome();
    setSetting('candidates', 5, env);
    setSetting('debugPane', true, env);
    expect(getSetting('candidates', env)).toBe(5);
    const file = JSON.parse(readFileSync(join(env.SKALD_HOME, 'config.json'), 'utf8'));
    expect(file).toMatchObject({ candidates: 5, debugPane: true });
    setSetting('candidates', undefined as never, env);
    expect(getSetting('candidates', env)).toBe(3);
  });

  it('check keys and value types', () => {
    expect(() => checkKey('candidatez')).toThrow(/did you mean "candidates"/);
    expect(parseValue('candidates', '4')).toBe(4);
    expect(() => parseValue('candidates', 'four')).toThrow(/whole number from 1 to 8/);
    expect(() => parseValue('candidates', '0')).toThrow(/whole number/);
    expect(parseValue('debugPane', 'on')).toBe(true);
    expect(() => parseValue('debugPane', 'maybe')).toThrow(/true or false/);
    expect(parseValue('activeProfile', 'none')).toBeUndefined();
  });
});

describe('skald config', () => {
  it('gets, sets and lists settings, and says where the data lives', async () => {
    const env = freshHome();
    expect((await runCli(['config', 'get', 'candidates'], { env })).stdout.trim()).toBe('3');
    const set = await runCli(['config', 'set', 'candidates', '4'], { env });
    expect(set.status).toBe(0);
    expect(set.stdout.trim()).toBe('candidates = 4');
    expect((await runCli(['config', 'get', 'candidates'], { env })).stdout.trim()).toBe('4');
    const list = await runCli(['config', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout)).toEqual({
      candidates: 4,
      contextBudget: 8192,
      activeProfile: null,
      debugPane: false,
      judgeProfile: null,
    });
    expect((await runCli(['config', 'path'], { env })).stdout.trim()).toBe(env.SKALD_HOME);
  });

  it('refuses an unknown key with a suggestion (exit 2) and a bad value (exit 1)', async () => {
    const env = freshHome();
    const unknown = await runCli(['config', 'set', 'contextBudjet', '9000'], { env });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown setting "contextBudjet"; did you mean "contextBudget"?');
    const bad = await runCli(['config', 'set', 'candidates', 'lots'], { env });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('The setting candidates takes a whole number from 1 to 8, not "lots".');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an activeProfile or judgeProfile that names no profile (exit 1), and keeps the old value', async () => {
    const env = freshHome();
    const none = await runCli(['config', 'set', 'activeProfile', 'nope'], { env });
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe(
      'skald: There is no profile "nope" (none are saved yet): add one with `skald profiles add nope --preset ollama --model llama3.1`.',
    );

    expect((await runCli(['profiles', 'add', 'local', '--preset', 'ollama', '--no-use'], { env })).status).toBe(0);
    const typo = await runCli(['config', 'set', 'activeProfile', 'locl'], { env });
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain(
      'There is no profile "locl"; did you mean "local"? Profiles: local, offline. Add one with `skald profiles add locl',
    );
    expect(typo.stderr.trim().split('\n')).toHaveLength(1);
    expect(getSetting('activeProfile', env)).toBeUndefined();

    const judge = await runCli(['config', 'set', 'judgeProfile', 'zzz'], { env });
    expect(judge.status).toBe(1);
    expect(judge.stderr).toContain('There is no profile "zzz". Profiles: local. Add one with');
    const offlineJudge = await runCli(['config', 'set', 'judgeProfile', 'offline'], { env });
    expect(offlineJudge.status).toBe(1);
    expect(offlineJudge.stderr).toContain('the offline narrator cannot judge');
    expect(getSetting('judgeProfile', env)).toBeUndefined();

    // Existing profiles, `offline` for the narrator, and `none` still work.
    expect((await runCli(['config', 'set', 'activeProfile', 'local'], { env })).stdout.trim()).toBe('activeProfile = local');
    expect((await runCli(['config', 'set', 'judgeProfile', 'local'], { env })).stdout.trim()).toBe('judgeProfile = local');
    expect((await runCli(['config', 'set', 'activeProfile', 'offline'], { env })).stdout.trim()).toBe('activeProfile = offline');
    expect((await runCli(['config', 'set', 'judgeProfile', 'none'], { env })).stdout.trim()).toBe('judgeProfile is back to its default.');
  });

  it('lists every setting in `config set --help`', async () => {
    const help = (await runCli(['config', 'set', '--help'], { env: freshHome() })).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`Settings: ${SETTING_KEYS.join(', ')};`);
    expect(help).toContain('or `none` to unset them.');
  });

  it('ends the unknown-key sentence before listing the keys when there is no close match', async () => {
    const unknown = await runCli(['config', 'get', 'zzzzzz'], { env: freshHome() });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown setting "zzzzzz". Settings: candidates,');
  });

  it('says a hand-broken config.json is not valid JSON, and leaves it as it was', async () => {
    const env = freshHome();
    const file = join(env.SKALD_HOME, 'config.json');
    writeFileSync(file, '{"profiles": {"local": ');
    for (const args of [
      ['config', 'list'],
      ['profiles', 'list'],
      ['play', 'glass-orchard', '--headless', '--offline'],
    ]) {
      const out = await runCli(args, { env });
      expect(out.status).toBe(1);
      expect(out.stderr).toContain(`${file} is not valid JSON`);
      expect(out.stderr).toContain('fix it, or move it away');
      expect(out.stderr).not.toMatch(/unexpected error|\n\s+at /i);
    }
    expect(readFileSync(file, 'utf8')).toBe('{"profiles": {"local": ');
  });
});
