/**
 * SillyTavern regex scripts from outside the card: settings.json's global scripts (brought in by
 * `personas import`) and a chat-completion preset's (a profile's system-prompt-file), run on a
 * story as SillyTavern's engine.js orders them (SCRIPT_TYPES: global, then preset, then the card's).
 * The preset is SillyTavern's own Default.json (../shared) with scripts added; the scripts and the
 * settings.json are made up.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runHeadless } from '../../src/cli/play-headless.js';
import { setupSession } from '../../src/cli/session-setup.js';
import { addProfile, removeProfile } from '../../src/config/profiles.js';
import { setProfileSystemPrompt } from '../../src/config/profile-prompt.js';
import { globalRegexScripts, setGlobalRegexScripts } from '../../src/config/regex-scripts.js';
import { readSettings } from '../../src/config/settings.js';
import { importSillyTavernPersonas } from '../../src/config/st-personas.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from '../config/cli.js';

const SHARED = process.env.SKALD_SHARED ?? fileURLToPath(new URL('../../../shared/', import.meta.url));
const DEFAULT = join(SHARED, 'fixtures/sillytavern/presets/openai/Default.json');
const present = existsSync(DEFAULT);

const script = (scriptName: string, findRegex: string, replaceString: string, placement = [2]) => ({
  id: scriptName,
  scriptName,
  findRegex,
  replaceString,
  trimStrings: [],
  placement,
  disabled: false,
  markdownOnly: false,
  promptOnly: false,
  runOnEdit: true,
  substituteRegex: 0,
  minDepth: null,
  maxDepth: null,
});

const settingsJson = () => ({
  power_user: { personas: {}, persona_descriptions: {} },
  extension_settings: {
    regex: [script('Global: alpha', '/alpha/g', 'beta'), script('Broken', '/(unclosed/g', 'x')],
  },
});

function presetFile(): string {
  const preset = JSON.parse(readFileSync(DEFAULT, 'utf8')) as Record<string, unknown>;
  preset.extensions = { regex_scripts: [script('Preset: beta', '/beta/g', 'gamma')] };
  const file = join(mkdtempSync(join(tmpdir(), 'skald-stregex-')), 'Scripted.json');
  writeFileSync(file, JSON.stringify(preset, null, 4));
  return file;
}

let server: OpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  setGlobalRegexScripts([]);
  try {
    removeProfile('loop-regex');
  } catch {
    // not every test adds it
  }
});

describe('regex scripts from settings.json and a chat-completion preset', () => {
  it("settings.json's global scripts replace the stored ones; one that cannot run is named and not kept", () => {
    const env = { ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-stregex-')) };
    const result = importSillyTavernPersonas(settingsJson(), env);
    expect(result.regex?.scripts.map((s) => s.scriptName)).toEqual(['Global: alpha']);
    expect(result.regex?.leftOut).toEqual([expect.stringMatching(/^"Broken" \(its pattern cannot run: /)]);
    expect(globalRegexScripts(readSettings(env).regexScripts).map((s) => s.findRegex)).toEqual(['/alpha/g']);
    // A later settings.json with an empty list leaves none, as SillyTavern keeps one list.
    importSillyTavernPersonas({ ...settingsJson(), extension_settings: { regex: [] } }, env);
    expect(globalRegexScripts(readSettings(env).regexScripts)).toEqual([]);
  });

  it('`personas import settings.json` says which global scripts it took', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-test-stregex-'));
    const file = join(home, 'settings.json');
    writeFileSync(file, JSON.stringify(settingsJson()));
    const run = await runCli(['personas', 'import', file], { env: { SKALD_HOME: home, NO_COLOR: '1' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `Global regex scripts: 1 regex script ("Global: alpha"), run on every story before a preset's and a card's`,
    );
    expect(run.stdout).toMatch(/Global regex script "Broken" \(its pattern cannot run: .*\): not kept\./);
  });

  it.skipIf(!present)("the preset's scripts are named when it is set, and a reply runs through global, then preset scripts", async () => {
    server = await startOpenAIServer({ models: ['story-1'] });
    server.setBehaviour(() => ({ content: 'The alpha lamp flickers. "Who is there?"' }));
    addProfile('loop-regex', { baseURL: server.url, model: 'story-1' });
    const change = setProfileSystemPrompt('loop-regex', 'system-prompt-file', presetFile());
    expect(change.cleared === false && change.note).toContain(
      `1 regex script ("Preset: beta") run after the global ones and before a card's`,
    );
    importSillyTavernPersonas(settingsJson());

    const setup = await setupSession('glass-orchard', { profile: 'loop-regex', headless: true, seed: 3, candidates: 1 });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk) => (text += String(chunk)));
    input.end('I look at the lamp.\n');
    await runHeadless(setup, { input, output });
    const turn = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, any>)
      .find((o) => o.type === 'turn');
    // Global first (alpha -> beta), then the preset's (beta -> gamma): the other order would leave "beta".
    expect(turn?.candidates[0].text).toBe('The gamma lamp flickers. "Who is there?"');
  });
});
