/**
 * Where templates come from: the instruct templates shipped in the package's `templates/instruct/`
 * and the ones the player imported from SillyTavern into the data folder (`templates/instruct/`,
 * `templates/context/`). An imported template hides a bundled one of the same name; a context
 * template goes with the instruct template of the same name, as SillyTavern binds them. Reasoning
 * templates (`templates/reasoning/`) say how a model marks its reasoning; a profile names one, and
 * one of an instruct template's name goes with it when the profile names none.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError, fileErrorReason } from '../../errors.js';
import { dataPaths } from '../../paths.js';
import { suggest } from '../../text/suggest.js';
import { parseStoryString } from './story.js';
import {
  masterExport,
  parseTemplate,
  templateKey,
  TemplateError,
  type ContextTemplate,
  type InstructTemplate,
  type ParsedTemplate,
  type ReasoningTemplate,
  type UnusedField,
} from './template.js';

/** One instruct template as listed, with the context template that goes with it. */
export interface TemplateEntry {
  key: string;
  name: string;
  /** Other names it answers to (`llama3` for "Llama 3 Instruct"). */
  aliases: string[];
  origin: 'bundled' | 'imported';
  /** Where the template came from, for bundled ones. */
  source?: string;
  file: string;
  instruct: InstructTemplate;
  context?: ContextTemplate;
}

/** A template ready to render with. */
export interface ChosenTemplate {
  instruct: InstructTemplate;
  context?: ContextTemplate;
}

/** Template files larger than this are not templates. */
const MAX_FILE_BYTES = 1_000_000;

let bundledDir: string | undefined;

/** The package's `templates/instruct/` folder, found from this module whether it runs from src/ or dist/. */
export function bundledTemplatesDir(): string {
  if (bundledDir) return bundledDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'skald')
          return (bundledDir = join(dir, 'templates', 'instruct'));
      } catch {
        // an unreadable package.json on the way up is not ours; keep climbing
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find skald's package folder to locate the bundled templates");
    dir = parent;
  }
}

function jsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Reads and parses one template file; problems become an InputError naming the file. */
export function readTemplateFile(file: string): { parsed: ParsedTemplate; aliases: string[]; source?: string } {
  const value = readJsonFile(file);
  const parsed = usableTemplate(value, basename(file).replace(/\.json$/i, ''), basename(file));
  const raw = value as { aliases?: unknown; source?: unknown };
  const aliases = Array.isArray(raw.aliases) ? raw.aliases.filter((a): a is string => typeof a === 'string') : [];
  return { parsed, aliases, ...(typeof raw.source === 'string' ? { source: raw.source } : {}) };
}

/**
 * `value` parsed as a template (a context template's story string checked too), or an InputError
 * saying `what` is not a template skald can use; `kind`, when given, is the kind it must be.
 */
function usableTemplate(value: unknown, fallbackName: string, what: string, kind?: TemplateKind): ParsedTemplate {
  try {
    const parsed = parseTemplate(value, fallbackName);
    if (kind && parsed.kind !== kind) throw new TemplateError(`it is not ${kind === 'instruct' ? 'an' : 'a'} ${kind} template`);
    if (parsed.kind === 'context') parseStoryString(parsed.template.story_string);
    return parsed;
  } catch (error) {
    if (error instanceof TemplateError) throw new InputError(`${what} is not a template skald can use: ${error.message}.`);
    throw error;
  }
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) throw new InputError(`${basename(file)} is larger than 1 MB: it is not a template.`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`Cannot read ${file} (${fileErrorReason(error)}); check the path.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${basename(file)} is not JSON (${(error as Error).message}).`);
  }
}

type TemplateKind = ParsedTemplate['kind'];

function importedDir(kind: TemplateKind, env: NodeJS.ProcessEnv): string {
  return join(dataPaths(env).templates, kind);
}

function readAll(dir: string, kind: TemplateKind): Array<ReturnType<typeof readTemplateFile> & { file: string }> {
  const out: Array<ReturnType<typeof readTemplateFile> & { file: string }> = [];
  for (const file of jsonFiles(dir)) {
    try {
      const read = readTemplateFile(file);
      if (read.parsed.kind === kind) out.push({ ...read, file });
    } catch {
      // A damaged file in the data folder is skipped here; `templates show` names the problem.
    }
  }
  return out;
}

/** Every instruct template (imported ones first hiding bundled ones of the same name), with its context. */
export function listTemplates(env: NodeJS.ProcessEnv = process.env): { templates: TemplateEntry[]; contexts: ContextTemplate[] } {
  const contexts = readAll(importedDir('context', env), 'context').map((c) => c.parsed.template as ContextTemplate);
  const byKey = new Map<string, TemplateEntry>();
  const add = (read: ReturnType<typeof readAll>[number], origin: TemplateEntry['origin']) => {
    const instruct = read.parsed.template as InstructTemplate;
    const key = templateKey(instruct.name);
    const hiding = byKey.get(key);
    if (origin === 'bundled' && hiding) {
      // The import answers to the bundled template's names too, so `--template llama3` keeps working.
      hiding.aliases = [...new Set([...read.aliases, ...hiding.aliases])];
      return;
    }
    byKey.set(key, {
      key,
      name: instruct.name,
      aliases: read.aliases,
      origin,
      ...(read.source ? { source: read.source } : {}),
      file: read.file,
      instruct,
    });
  };
  for (const read of readAll(importedDir('instruct', env), 'instruct')) add(read, 'imported');
  for (const read of readAll(bundledTemplatesDir(), 'instruct')) add(read, 'bundled');
  const templates = [...byKey.values()].sort((a, b) =>
    a.origin === b.origin ? a.name.localeCompare(b.name) : a.origin === 'bundled' ? -1 : 1,
  );
  for (const entry of templates) {
    const context = contexts.find((c) => templateKey(c.name) === entry.key);
    if (context) entry.context = context;
  }
  return { templates, contexts };
}

/** The template named (by name or alias, any case and spacing), or a one-line error naming the known ones. */
export function findTemplate(name: string, env: NodeJS.ProcessEnv = process.env): TemplateEntry {
  const { templates } = listTemplates(env);
  const key = templateKey(name);
  const found = templates.find((t) => t.key === key) ?? templates.find((t) => t.aliases.some((a) => templateKey(a) === key));
  if (found) return found;
  const known = templates.map((t) => t.aliases[0] ?? t.key);
  const guess = suggest(key, [...templates.map((t) => t.key), ...templates.flatMap((t) => t.aliases.map(templateKey))]);
  const guessed = guess ? templates.find((t) => t.key === guess || t.aliases.some((a) => templateKey(a) === guess)) : undefined;
  throw new UsageError(
    `There is no template "${name}"${guessed ? `; did you mean "${guessed.aliases[0] ?? guessed.key}"?` : '.'} Templates: ${known.join(', ')} (\`skald templates list\`; \`skald templates import FILE.json\` adds one from SillyTavern).`,
  );
}

/** The template and its context, ready to render with. */
export function chosenTemplate(entry: TemplateEntry): ChosenTemplate {
  return { instruct: entry.instruct, ...(entry.context ? { context: entry.context } : {}) };
}

/** The imported reasoning templates, by name. */
export function listReasoning(env: NodeJS.ProcessEnv = process.env): Array<ReasoningTemplate & { key: string; file: string }> {
  return readAll(importedDir('reasoning', env), 'reasoning')
    .map((r) => ({ ...(r.parsed.template as ReasoningTemplate), key: templateKey(r.parsed.template.name), file: r.file }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The reasoning template named (any case and spacing), or a one-line error naming the imported ones. */
export function findReasoning(name: string, env: NodeJS.ProcessEnv = process.env): ReasoningTemplate & { key: string } {
  const all = listReasoning(env);
  const key = templateKey(name);
  const found = all.find((r) => r.key === key);
  if (found) return found;
  const guess = suggest(
    key,
    all.map((r) => r.key),
  );
  const known = all.length > 0 ? `Reasoning templates: ${all.map((r) => r.key).join(', ')}` : 'No reasoning template is imported yet';
  throw new UsageError(
    `There is no reasoning template "${name}"${guess ? `; did you mean "${guess}"?` : '.'} ${known} (\`skald templates import FILE.json\` adds one from SillyTavern).`,
  );
}

/** The reasoning template that goes with an instruct template (one of its name), when one was imported. */
export function pairedReasoning(instructName: string, env: NodeJS.ProcessEnv = process.env): ReasoningTemplate | undefined {
  const key = templateKey(instructName);
  return listReasoning(env).find((r) => r.key === key);
}

/** What an import did. */
export interface ImportedTemplate {
  kind: TemplateKind;
  name: string;
  key: string;
  file: string;
  /** It replaced an imported template of the same name. */
  replaced: boolean;
  /** It hides the bundled template of the same name. */
  hidesBundled: boolean;
  /** For a context or reasoning template: the instruct template it goes with, when there is one. */
  pairedWith?: string;
  /** The file's fields that skald does not use, and why. */
  unused: UnusedField[];
}

/** Copies a SillyTavern instruct, context or reasoning template into the data folder, under its name (or `rename`). */
export function importTemplate(file: string, options: { name?: string } = {}, env: NodeJS.ProcessEnv = process.env): ImportedTemplate {
  return saveTemplate(readTemplateFile(file).parsed, options.name?.trim() || '', env);
}

/**
 * Imports a template file, or the templates of a SillyTavern master export (instruct, context and
 * reasoning, the last two saved under the instruct template's name so that they go together); the
 * export's other parts (its system prompt ...) are named in the first result's `unused`.
 */
export function importTemplates(file: string, options: { name?: string } = {}, env: NodeJS.ProcessEnv = process.env): ImportedTemplate[] {
  const master = masterExport(readJsonFile(file));
  if (!master) return [importTemplate(file, options, env)];
  const what = basename(file);
  const part = (key: TemplateKind, value: Record<string, unknown>): ParsedTemplate =>
    usableTemplate(value, what.replace(/\.json$/i, ''), `${what}'s ${key}`, key);
  // Both parsed before either is saved: a broken half saves nothing.
  const instruct = master.instruct ? part('instruct', master.instruct) : undefined;
  const context = master.context ? part('context', master.context) : undefined;
  const reasoning = master.reasoning ? part('reasoning', master.reasoning) : undefined;
  const name = options.name?.trim() || instruct?.template.name || '';
  const saved = [instruct, context, reasoning].flatMap((p) => (p ? [saveTemplate(p, name, env)] : []));
  saved[0]?.unused.push(...master.others);
  return saved;
}

function saveTemplate(parsed: ParsedTemplate, rename: string, env: NodeJS.ProcessEnv): ImportedTemplate {
  const name = rename || parsed.template.name;
  const key = templateKey(name);
  if (!key) throw new UsageError(`"${name}" cannot be a template name: it needs a letter or a digit.`);
  const template = { ...parsed.template, name };
  const dir = importedDir(parsed.kind, env);
  const target = join(dir, `${key}.json`);
  const replaced = existsSync(target);
  try {
    mkdirSync(dir, { recursive: true });
    // Written whole, then moved into place: a crash never leaves half a template.
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(template, null, 4)}\n`, 'utf8');
    renameSync(temp, target);
  } catch (error) {
    throw new InputError(
      `Cannot save the template in ${dir} (${fileErrorReason(error)}); check that folder, or set SKALD_HOME to a folder you can write.`,
    );
  }
  const { templates } = listTemplates(env);
  const hidesBundled =
    parsed.kind === 'instruct' && readAll(bundledTemplatesDir(), 'instruct').some((b) => templateKey(b.parsed.template.name) === key);
  const pairedWith = parsed.kind !== 'instruct' ? templates.find((t) => t.key === key)?.name : undefined;
  return {
    kind: parsed.kind,
    name,
    key,
    file: target,
    replaced,
    hidesBundled,
    ...(pairedWith ? { pairedWith } : {}),
    unused: parsed.unused,
  };
}
