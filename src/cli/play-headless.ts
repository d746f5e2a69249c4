/**
 * Headless play: player lines on stdin, one JSON object per line on stdout. The same Session the
 * TUI drives; this file only translates its events. Failures are `{"type":"error"}` lines and the
 * run goes on; the run ends (exit 0) at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Candidate, CriticResult, JudgeCost, SessionEvent, Turn } from '../engine/types.js';
import { commandsFor, parseLine, runLine, type CommandOutcome, type CommandServices } from '../commands/index.js';
import { createFileServices } from './file-services.js';
import type { SessionSetup } from './session-setup.js';
import { neutralizeDeep } from '../text/sanitize.js';
import { safeJson } from './output.js';
import { endOnSignals } from './signals.js';

export interface HeadlessIO {
  input: Readable;
  output: Writable;
}

/**
 * Plays the lines of `io.input` through the session and writes JSON lines to `io.output`; a line
 * that starts with / runs a command of src/commands (`services` serve /sessions, /export, /model).
 */
export async function runHeadless(
  setup: SessionSetup,
  io: HeadlessIO = { input: process.stdin, output: process.stdout },
  services: CommandServices = createFileServices(),
): Promise<void> {
  const { session } = setup;
  // A reader that goes away (`| head -1`, a crashed harness) ends the run quietly: the turns
  // already played are in the session file, and a stack trace about EPIPE helps nobody.
  const sink = { output: io.output, closed: false };
  const onError = () => {
    sink.closed = true;
  };
  io.output.on('error', onError);
  const write = (value: unknown) => writeLine(sink, value);
  await write({
    type: 'session',
    id: session.id,
    world: session.pack.id,
    worldTitle: session.pack.title,
    opening: session.opening.id,
    persona: session.persona.name,
    provider: session.providerLabel,
    offline: session.offline,
    seed: session.seed,
    candidates: session.candidateCount,
    budget: session.budget,
    planner: session.plannerOn,
    resumed: setup.resumed,
    turns: session.turns().length,
    file: setup.store.file,
  });
  for (const message of setup.warnings) await write({ type: 'warning', message });
  // A dead endpoint is told now, as a warning line when the check comes back, not at the first turn's failure.
  const checking = new AbortController();
  const endpointChecked = setup
    .endpointCheck?.(checking.signal)
    .then((message) => (message ? write({ type: 'warning', message }) : undefined));
  // As the TUI does after its first frame: the lore, the critics' patterns and a resume's pacing
  // replay are compiled while the front end composes its first line, not inside the first turn.
  const warming = session.warmUp().catch(() => undefined);

  const lines = createInterface({ input: io.input, crlfDelay: Infinity });
  // TERM, INT or HUP: no new line is read, the turn in progress is stopped, the record being
  // appended is finished and the file closed, then the process ends (see signals.ts).
  let turn: AbortController | undefined;
  let stopping = false;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const removeSignals =
    io.input === process.stdin
      ? endOnSignals(async () => {
          stopping = true;
          turn?.abort();
          lines.close();
          await done;
        })
      : () => undefined;
  try {
    for await (const raw of lines) {
      if (sink.closed || stopping) break;
      const line = raw.trim();
      if (!line) continue;
      turn = new AbortController();
      try {
        if ((await handleLine(setup, services, line, write, turn.signal)) === 'quit') stopping = true;
      } catch (error) {
        await write({ type: 'error', kind: 'command', message: error instanceof Error ? error.message : String(error) });
      }
      turn = undefined;
    }
    lines.close();
    await warming;
    checking.abort();
    await endpointChecked;
    await setup.store.close();
    await setup.flushProfile?.();
  } finally {
    io.output.off('error', onError);
    finished();
    removeSignals();
  }
}

/** Plays a line or runs a command; 'quit' when the command ends the run. */
async function handleLine(
  setup: SessionSetup,
  services: CommandServices,
  line: string,
  write: (value: unknown) => Promise<void>,
  signal?: AbortSignal,
): Promise<'quit' | void> {
  const { session } = setup;
  const parsed = parseLine(line);
  if (parsed.kind === 'say') {
    await drain(session.play({ text: parsed.text }, { signal }), write, false);
    return;
  }
  const outcome = await runLine(parsed, { session, services, frontEnd: 'headless', streaming: false, composer: false });
  return writeOutcome(outcome, write, signal);
}

/** What headless play writes for each outcome: every kind has its case, or this does not compile. */
async function writeOutcome(
  outcome: CommandOutcome,
  write: (value: unknown) => Promise<void>,
  signal?: AbortSignal,
): Promise<'quit' | void> {
  const refuse = (message: string) => write({ type: 'error', kind: 'command', message });
  switch (outcome.kind) {
    case 'turn':
      // A new candidate or version of an existing turn is that turn again (`regenerate: true`).
      return drain(outcome.start(signal), write, outcome.run !== 'edit');
    case 'done':
    case 'info':
      return write(outcome.record);
    case 'refused':
      return refuse(outcome.message);
    case 'branches':
      return write({ type: 'tree', branches: outcome.branches });
    case 'help':
      return write({
        type: 'help',
        commands: commandsFor('headless').map((c) => ({
          usage: `/${c.name}${c.args ? ` ${c.args}` : ''}`,
          help: c.help,
          ...(c.aliases ? { aliases: c.aliases } : {}),
        })),
        note: 'Any other line is played; start a line with // to say something that begins with a slash.',
      });
    case 'new-story':
      // One run plays one story: the next starts from the command line.
      return refuse(`Start that story with \`skald play ${outcome.story.cli} --headless\` (this one is saved).`);
    case 'compose':
      return refuse('Headless play has no composer; give the text with the command.');
    case 'toggle-debug':
      return refuse('Headless play has no debug pane: every turn line carries the diagnostics.');
    case 'quit':
      return 'quit';
    default: {
      const unhandled: never = outcome;
      throw new Error(`Headless play cannot write the outcome ${JSON.stringify(unhandled)}.`);
    }
  }
}

/** Runs one turn's events; writes errors as they come and the turn when it is committed. */
async function drain(events: AsyncIterable<SessionEvent>, write: (value: unknown) => Promise<void>, regenerate: boolean): Promise<void> {
  for await (const event of events) {
    if (event.type === 'error') await write({ type: 'error', turn: event.turn, ...event.error });
    if (event.type === 'turn-done') await write(turnLine(event.turn, regenerate));
  }
}

/** The `{"type":"turn"}` object of the issue: candidates, choice, plan, pacing, prompt, timing. */
export function turnLine(turn: Turn, regenerate = false): Record<string, unknown> {
  const chosen: Candidate | undefined = turn.candidates[turn.chosen];
  return {
    type: 'turn',
    turn: turn.number,
    ...(regenerate ? { regenerate: true } : {}),
    input: turn.input.text,
    candidates: turn.candidates.map((c) => ({
      text: c.text,
      score: round(c.score),
      critics: c.critics.map(criticLine),
      variant: c.variant,
      incomplete: c.incomplete,
      repairs: c.repairs,
      ...(c.samplers ? { samplers: c.samplers } : {}),
      // The debug pane's count of control sequences broken in the text-completion prompt.
      ...(c.neutralised ? { neutralised: c.neutralised } : {}),
      ...(c.finishReason ? { finishReason: c.finishReason } : {}),
      ...(c.error ? { error: c.error } : {}),
      ...(c.revision ? { revision: c.revision.kind } : {}),
    })),
    chosen: turn.chosen,
    plan: turn.plan,
    pacing: turn.pacing,
    prompt: turn.prompt,
    timing: { ttftMs: chosen?.timing.ttftMs ?? null, totalMs: chosen?.timing.totalMs ?? null },
    usage: chosen?.usage ?? null,
    reasoning: chosen?.reasoning ?? null,
    ...(judged(turn.candidates) ?? {}),
  };
}

/** A critic's result on the turn line; `confidence` and `hint` only where the critic gave them. */
function criticLine(r: CriticResult): Record<string, unknown> {
  return {
    id: r.id,
    flagged: r.flagged,
    score: round(r.score),
    evidence: r.evidence,
    ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
    ...(r.hint ? { hint: true } : {}),
  };
}

/** The judge's cost for the turn, each call counted once (a regenerated candidate had its own). */
function judged(candidates: Candidate[]): { judge: Record<string, unknown> } | undefined {
  const calls = new Map<string, JudgeCost>();
  for (const c of candidates) if (c.judge) calls.set(c.judge.call, c.judge);
  if (calls.size === 0) return undefined;
  const all = [...calls.values()];
  const sum = (key: 'promptTokens' | 'completionTokens') =>
    all.some((j) => j[key] === null) ? null : all.reduce((n, j) => n + (j[key] ?? 0), 0);
  const errors = [...new Set(candidates.flatMap((c) => (c.judge?.error ? [c.judge.error] : [])))];
  return {
    judge: {
      calls: all.length,
      candidates: all.reduce((n, j) => n + j.candidates, 0),
      promptTokens: sum('promptTokens'),
      completionTokens: sum('completionTokens'),
      ms: all.reduce((n, j) => n + j.ms, 0),
      format: all[all.length - 1].format,
      ...(errors.length > 0 ? { errors } : {}),
    },
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function writeLine(sink: { output: Writable; closed: boolean }, value: unknown): Promise<void> {
  if (sink.closed || sink.output.destroyed) {
    sink.closed = true;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    // Every string sanitised (server errors, file names, pack and model text), no raw control byte out.
    const ok = sink.output.write(`${safeJson(neutralizeDeep(value))}\n`, (error) => {
      if (error) {
        sink.closed = true;
        resolve();
      }
    });
    if (ok) resolve();
    else {
      sink.output.once('drain', () => resolve());
      sink.output.once('close', () => resolve());
    }
  });
}
