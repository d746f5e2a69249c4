/**
 * Runs SillyTavern files through skald's importers the way the CLI does and sorts the outcomes:
 * `imported` (everything has a home), `listed` (imported, with the fields that have no equivalent
 * named), `refused` (a one-line error), `crashed` (anything else: a bug). Usage:
 *   npx tsx scripts/st-import-check.ts DIR [--prompts]
 * DIR holds the files in folders named for their kind: instruct/, context/, master/, sysprompt/,
 * reasoning/, textgen/, kobold/, openai/, cards/, lorebooks/. `--prompts` prints the prompt each instruct template
 * renders for a short chat, to compare with SillyTavern's.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTemplate, importTemplates } from '../src/providers/instruct/catalog.js';
import { renderPrompt } from '../src/providers/instruct/render.js';
import { importSillyTavernPreset, PresetImportError } from '../src/config/sillytavern-samplers.js';
import { importCard, importLorebook, ImportError } from '../src/world/import/index.js';
import { InputError } from '../src/errors.js';

type Outcome = { file: string; kind: string; result: 'imported' | 'listed' | 'refused' | 'crashed'; detail: string };

const dir = process.argv[2];
const showPrompts = process.argv.includes('--prompts');
if (!dir) throw new Error('usage: st-import-check.ts DIR [--prompts]');

const chat = [
  { role: 'system' as const, content: 'SYSTEM PROMPT' },
  { role: 'assistant' as const, content: 'Opening.' },
  { role: 'user' as const, content: 'I look around.' },
];

async function check(kind: string, file: string): Promise<Outcome> {
  const base = { file, kind };
  try {
    if (['instruct', 'context', 'master', 'sysprompt', 'reasoning'].includes(kind)) {
      // As `skald templates import` does, into a data folder of its own.
      const env = { ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'st-check-home-')) };
      const results = importTemplates(file, {}, env);
      const listed = results.flatMap((r) => r.unused.map((u) => u.field));
      for (const r of showPrompts ? results.filter((x) => x.kind === 'instruct') : []) {
        const chosen = findTemplate(r.name, env);
        const context = chosen.context ? { context: chosen.context } : {};
        const rendered = renderPrompt(chat, chosen.instruct, { user: 'Ann', char: 'Bob', ...context });
        console.log(`--- ${file}\n${JSON.stringify(rendered.prompt)}\nstop ${JSON.stringify(rendered.stop)}`);
      }
      const kinds = results.map((r) => r.kind).join('+');
      return { ...base, result: listed.length ? 'listed' : 'imported', detail: `${kinds}${listed.length ? `; ${listed.join('; ')}` : ''}` };
    }
    if (kind === 'textgen' || kind === 'kobold' || kind === 'openai') {
      const r = importSillyTavernPreset(JSON.parse(readFileSync(file, 'utf8')));
      const detail = `${r.kind}; extra ${Object.keys(r.samplers.extra ?? {}).join(',')}; unmapped ${r.unmapped.map((u) => u.field).join(',')}`;
      return { ...base, result: r.unmapped.length ? 'listed' : 'imported', detail };
    }
    if (kind === 'cards') {
      const r = await importCard(file);
      return { ...base, result: r.warnings.length ? 'listed' : 'imported', detail: `${r.format}; ${r.warnings.join(' | ')}` };
    }
    if (kind === 'lorebooks') {
      const pack = join(mkdtempSync(join(tmpdir(), 'st-check-')), 'pack');
      cpSync('worlds/glass-orchard', pack, { recursive: true });
      const r = await importLorebook(file, pack);
      return {
        ...base,
        result: r.warnings.length ? 'listed' : 'imported',
        detail: `${r.format}; ${r.entries.length} entries; ${r.warnings.join(' | ')}`,
      };
    }
    return { ...base, result: 'refused', detail: 'unknown kind folder' };
  } catch (error) {
    const refused = error instanceof InputError || error instanceof PresetImportError || error instanceof ImportError;
    return {
      ...base,
      result: refused ? 'refused' : 'crashed',
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

const outcomes: Outcome[] = [];
for (const kind of readdirSync(dir)) {
  let files: string[];
  try {
    files = readdirSync(join(dir, kind));
  } catch {
    continue;
  }
  for (const f of files.sort()) outcomes.push(await check(kind, join(dir, kind, f)));
}
for (const o of outcomes) console.log(`${o.result.padEnd(8)} ${o.kind}/${o.file.split('/').pop()}: ${o.detail}`);
const tally = new Map<string, Record<string, number>>();
for (const o of outcomes) {
  const row = tally.get(o.kind) ?? {};
  row[o.result] = (row[o.result] ?? 0) + 1;
  tally.set(o.kind, row);
}
for (const [kind, row] of tally) console.log(`${kind}: ${JSON.stringify(row)}`);
