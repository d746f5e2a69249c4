/** `skald config get|set|list|path`. */
import { dataPaths } from '../paths.js';
import { checkProfileSetting } from '../config/profiles.js';
import { checkKey, parseValue, readSettings, setSetting, settingHelp, SETTING_KEYS } from '../config/settings.js';
import { redactSecrets } from '../text/redact.js';
import { neutralize } from '../text/sanitize.js';

const show = (value: string | number | boolean | undefined): string => (value === undefined ? '' : String(value));
const out = (text: string) => process.stdout.write(`${neutralize(redactSecrets(text))}\n`);

/** Prints one setting (an empty line when unset). */
export async function get(key: string): Promise<void> {
  const name = checkKey(key);
  out(show(readSettings()[name]));
}

/** Changes one setting after checking its type; `none` unsets a profile setting. */
export async function set(key: string, value: string): Promise<void> {
  const name = checkKey(key);
  const parsed = parseValue(name, value);
  if ((name === 'activeProfile' || name === 'judgeProfile') && typeof parsed === 'string') checkProfileSetting(name, parsed);
  setSetting(name, parsed);
  out(parsed === undefined ? `${name} is back to its default.` : `${name} = ${show(parsed)}`);
}

/** Every setting, with what it does. */
export async function list(options: { json?: boolean } = {}): Promise<void> {
  const settings = readSettings();
  if (options.json) {
    out(JSON.stringify(settings, (_k, v: unknown) => (v === undefined ? null : v), 2));
    return;
  }
  const width = Math.max(...SETTING_KEYS.map((k) => k.length));
  for (const key of SETTING_KEYS) {
    const value = settings[key] === undefined ? '(not set)' : show(settings[key]);
    out(`${key.padEnd(width)}  ${value.padEnd(10)}  ${settingHelp(key)}`);
  }
}

/** Where skald keeps its data. */
export async function path(): Promise<void> {
  out(dataPaths().root);
}
