/**
 * `skald critique --world <id|path> [--json]`: runs the critics on one reply read from stdin, so
 * pack authors and model testers can check any reply without playing.
 */
import { critiqueCandidate, type CriticContext } from '../engine/critics/index.js';
import { loadLanguageDetector } from '../engine/critics/language-id.js';
import { characterNames, extractFacts } from '../engine/memory/facts.js';
import type { CriticResult, Fact, StoryMessage } from '../engine/types.js';
import { oneLine } from '../text/sanitize.js';
import type { LoadedPack } from '../world/types.js';
import { InputError } from '../errors.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

const SHAPE = 'expected {"history":[{"role":"user|assistant","content":"..."}],"response":"..."}';

export interface CritiqueInput {
  history: StoryMessage[];
  response: string;
}

const ROLES: Record<string, StoryMessage['role']> = { user: 'player', player: 'player', assistant: 'narrator', narrator: 'narrator' };

/** Parses and checks the stdin document; throws InputError with one line saying what is wrong. */
export function parseCritiqueInput(raw: string): CritiqueInput {
  if (raw.trim() === '') throw new InputError(`Standard input is empty; ${SHAPE}.`);
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (error) {
    throw new InputError(`Standard input is not valid JSON (${(error as Error).message.replace(/\s+/g, ' ').slice(0, 120)}); ${SHAPE}.`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InputError(`Standard input is not a JSON object; ${SHAPE}.`);
  const { history = [], response } = doc as { history?: unknown; response?: unknown };
  if (typeof response !== 'string') throw new InputError(`"response" must be a string; ${SHAPE}.`);
  if (!Array.isArray(history)) throw new InputError(`"history" must be an array; ${SHAPE}.`);
  const messages: StoryMessage[] = [];
  let turn = 0;
  for (const [i, m] of history.entries()) {
    const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
    if (role === 'system') continue;
    const mapped = typeof role === 'string' ? ROLES[role.toLowerCase()] : undefined;
    if (!mapped) throw new InputError(`The role of history[${i}] must be user, assistant, player or narrator; ${SHAPE}.`);
    if (typeof content !== 'string') throw new InputError(`The content of history[${i}] must be a string; ${SHAPE}.`);
    if (mapped === 'player') turn++;
    messages.push({ role: mapped, text: content, turn });
  }
  return { history: messages, response };
}

/** The critics' context for a reply that follows `history`. */
export function critiqueContext(loaded: LoadedPack, input: CritiqueInput): CriticContext {
  const { pack } = loaded;
  const players = input.history.filter((m) => m.role === 'player');
  const last = input.history[input.history.length - 1];
  const characters = characterNames(pack.characters);
  const facts: Fact[] = players.flatMap((m) => extractFacts(m.text, m.turn, pack.player.name, pack.language, { characters }));
  return {
    pack,
    persona: pack.player,
    playerInput: last?.role === 'player' ? last.text : '',
    recentReplies: input.history.filter((m) => m.role === 'narrator').map((m) => m.text),
    history: input.history,
    facts,
    turn: players.length,
  };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InputError(`The critique command reads the reply as JSON on standard input (pipe it in); ${SHAPE}.`);
  const parts: Buffer[] = [];
  for await (const part of process.stdin) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

/** Loads the world a reply belongs to; pack problems become one InputError. */
export async function loadWorld(world: string): Promise<LoadedPack> {
  const { resolveWorld, UnknownWorldError } = await import('../world/discover.js');
  const { PackError, formatProblem } = await import('../world/problems.js');
  try {
    return await resolveWorld(world);
  } catch (error) {
    if (error instanceof PackError) {
      const details = error.problems.length > 1 ? error.problems.map((p) => `  ${formatProblem(p)}`) : [];
      throw new InputError(error.message, details);
    }
    if (error instanceof UnknownWorldError) throw new InputError(error.message);
    throw error;
  }
}

/**
 * The critics as the table prints them: ✗ a flag, ? a hint (a finding the critic is not sure of,
 * with its confidence), ✓ clean; evidence under flags and hints alike.
 */
export function formatCritiqueTable(critics: CriticResult[], score: number, repairs: string[]): string[] {
  const lines: string[] = [];
  const width = Math.max(...critics.map((c) => c.id.length));
  for (const c of critics) {
    const mark = c.flagged ? '✗' : c.hint ? '?' : '✓';
    const sure = c.hint ? `  hint, confidence ${(c.confidence ?? 0).toFixed(2)}` : '';
    lines.push(`${mark} ${c.id.padEnd(width)}  ${c.score.toFixed(2)}${sure}`);
    if (!c.flagged && !c.hint) continue;
    for (const e of c.evidence) lines.push(`    ${e.text ? `"${oneLine(e.text, 70)}" ` : ''}— ${oneLine(e.why, 100)}`);
  }
  const flagged = critics.filter((c) => c.flagged).length;
  const hints = critics.filter((c) => c.hint).length;
  lines.push('');
  lines.push(
    `score ${score.toFixed(2)} · ${flagged === 0 ? 'no flags' : `${flagged} flagged`}${hints > 0 ? ` · ${hints} hint${hints > 1 ? 's' : ''} (? not sure: shown, never counted)` : ''}`,
  );
  for (const r of repairs) lines.push(`repair: ${oneLine(r, 100)}`);
  return lines;
}

/** `skald critique`: reads the reply on stdin, prints the critics' table or JSON. */
export async function critique(options: { world: string; json?: boolean }): Promise<void> {
  const input = parseCritiqueInput(await readStdin());
  const loaded = await loadWorld(options.world);
  await loadLanguageDetector();
  const result = critiqueCandidate(input.response, critiqueContext(loaded, input));
  if (options.json) {
    out(JSON.stringify({ critics: result.critics, score: result.score, repairs: result.repairs }, null, 2));
    return;
  }
  for (const line of formatCritiqueTable(result.critics, result.score, result.repairs)) out(line);
}
