/** `skald templates list|show|import`: instruct templates for text completion. */
import {
  findReasoning,
  findTemplate,
  importTemplates,
  listReasoning,
  listTemplates,
  type TemplateEntry,
} from '../providers/instruct/catalog.js';
import { renderPrompt, templateStops } from '../providers/instruct/render.js';
import { neutralize } from '../text/sanitize.js';

// Gathered and written at once: a reader that stops early (`| head`) then ends one write, not many.
let pending: string[] = [];
const out = (text: string) => pending.push(neutralize(text));
const flush = () => {
  if (pending.length > 0) process.stdout.write(`${pending.join('\n')}\n`);
  pending = [];
};

/** The name a template is asked for by: its first alias, else its key. */
const idOf = (t: TemplateEntry): string => t.aliases[0] ?? t.key;

/** Every instruct template, bundled first, the context templates waiting for one of their name, and the reasoning templates. */
export async function list(options: { json?: boolean } = {}): Promise<void> {
  const { templates, contexts } = listTemplates();
  const reasoning = listReasoning();
  const paired = new Set(templates.flatMap((t) => (t.context ? [t.context.name] : [])));
  const unpaired = contexts.filter((c) => !paired.has(c.name));
  if (options.json) {
    const rows = templates.map((t) => ({
      id: idOf(t),
      name: t.name,
      aliases: t.aliases,
      origin: t.origin,
      ...(t.source ? { source: t.source } : {}),
      file: t.file,
      context: t.context?.name ?? null,
      stop: templateStops(t.instruct, t.context ? { context: t.context } : {}),
    }));
    const reasoningRows = reasoning.map((r) => ({ id: r.key, name: r.name, prefix: r.prefix, suffix: r.suffix, file: r.file }));
    out(JSON.stringify({ templates: rows, unpairedContexts: unpaired.map((c) => c.name), reasoning: reasoningRows }, null, 2));
    return flush();
  }
  out('Instruct templates (--api completions --template ID):');
  const width = Math.max(...templates.map((t) => idOf(t).length));
  for (const t of templates) {
    const notes = [t.origin, ...(t.context ? ['with its context template'] : [])];
    out(`  ${idOf(t).padEnd(width)}  ${t.name} (${notes.join(', ')})`);
  }
  if (unpaired.length > 0) {
    out(
      `Context templates with no instruct template of their name: ${unpaired.map((c) => c.name).join(', ')} (import it again with --name ID to pair it).`,
    );
  }
  if (reasoning.length > 0) {
    out('Reasoning templates (skald profiles set PROFILE reasoning ID; <think> when a profile names none):');
    const keys = Math.max(...reasoning.map((r) => r.key.length));
    for (const r of reasoning) out(`  ${r.key.padEnd(keys)}  ${r.name} (${r.prefix.trim()} ... ${r.suffix.trim()})`);
  }
  flush();
}

const SAMPLE = [
  { role: 'system' as const, content: '(the system prompt)' },
  { role: 'assistant' as const, content: '(the opening)' },
  { role: 'user' as const, content: "(the player's move)" },
  { role: 'system' as const, content: "(the planner's directive)" },
];

/** One template: where it came from, its fields, its stop strings and the prompt it makes. */
export async function show(name: string): Promise<void> {
  const t = findTemplate(name);
  out(`${t.name} (${t.origin}; --template ${idOf(t)})`);
  if (t.source) out(t.source);
  out(`File: ${t.file}`);
  out(JSON.stringify(t.instruct, null, 2));
  if (t.context) {
    out(`With the context template ${t.context.name}:`);
    out(JSON.stringify(t.context, null, 2));
  }
  const rendered = renderPrompt(SAMPLE, t.instruct, { user: 'Player', char: 'Character', ...(t.context ? { context: t.context } : {}) });
  out(`Stop strings: ${JSON.stringify(rendered.stop)}`);
  out('Example prompt (the player is Player, the model speaks as Character):');
  out(rendered.prompt);
  flush();
}

/** Imports a SillyTavern instruct, context or reasoning template (or several, from a master export) and says how to use it. */
export async function importFile(file: string, options: { name?: string } = {}): Promise<void> {
  for (const result of importTemplates(file, options)) {
    if (result.kind === 'instruct') {
      const hides = result.hidesBundled
        ? '; it replaces the bundled template of that name'
        : result.replaced
          ? '; it replaces the one imported before'
          : '';
      out(
        `Imported the instruct template ${result.name}${hides}. Use it with \`--api completions --template ${result.key}\` or \`skald profiles set PROFILE template ${result.key}\`.`,
      );
    } else if (result.kind === 'reasoning') {
      const { prefix, suffix } = findReasoning(result.key);
      const tags = `between ${JSON.stringify(prefix.trim())} and ${JSON.stringify(suffix.trim())}`;
      out(
        result.pairedWith
          ? `Imported the reasoning template ${result.name}: text completion with the template ${result.pairedWith} reads the model's reasoning ${tags} (another profile takes it with \`skald profiles set PROFILE reasoning ${result.key}\`).`
          : `Imported the reasoning template ${result.name}: a profile reads the model's reasoning ${tags} with \`skald profiles set PROFILE reasoning ${result.key}\`.`,
      );
    } else {
      out(
        result.pairedWith
          ? `Imported the context template ${result.name}; it lays out the system prompt of the instruct template ${result.pairedWith}.`
          : `Imported the context template ${result.name}; no instruct template is named ${result.name}, so it applies once one is (or import it again with --name ID).`,
      );
    }
    // Grouped by reason, one line each, so that nothing the file holds is left out unsaid.
    const groups = new Map<string, string[]>();
    for (const u of result.unused) groups.set(u.why, [...(groups.get(u.why) ?? []), u.field]);
    if (groups.size > 0) out('Not used by skald:');
    for (const [why, fields] of groups) out(`  ${fields.join(', ')}: ${why}`);
  }
  flush();
}
