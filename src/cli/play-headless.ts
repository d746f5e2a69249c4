/**
 * Headless play: player lines on stdin, one JSON object per line on stdout. The same Session the
 * TUI drives; this file only translates its events. Failures are `{"type":"error"}` lines and the
 * run goes on; the run ends (exit 0) at the end of input.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Candidate, CriticResult, JudgeCost, SessionEvent, Turn } from '../engine/types.js';
import type { SessionSetup } from './session-setup.js';
import { neutralizeDeep } from '../text/sanitize.js';
import { safeJson } from './output.js';
import { endOnSignals } from './signals.js';

export interface HeadlessIO {
  input: Readable;
  output: Writable;
}

/** Plays the lines of `io.input` through the session and writes JSON lines to `io.output`. */
export async function runHeadless(setup: SessionSetup, io: HeadlessIO = { input: process.stdin, output: process.stdout }): Promise<void> {
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
    type: 'session', id: session.id, world: session.pack.id, worldTitle: session.pack.title, opening: session.opening.id,
    persona: session.persona.name, provider: session.providerLabel, offline: session.offline, seed: session.seed,
    candidates: session.candidateCount, budget: session.budget, planner: session.plannerOn, resumed: setup.resumed,
    turns: session.turns().length, file: setup.store.file,
  });
  for (const message of setup.warnings) await write({ type: 'warning', message });

  const lines = createInterface({ input: io.input, crlfDelay: Infinity });
  // TERM, INT or HUP: no new line is read, the turn in progress is stopped, the record being
  // appended is finished and the file closed, then the process ends (see signals.ts).
  let turn: AbortController | undefined;
  let stopping = false;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const removeSignals = io.input === process.stdin
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
        await handleLine(setup, line, write, turn.signal);
      } catch (error) {
        await write({ type: 'error', kind: 'command', message: error instanceof Error ? error.message : String(error) });
      }
      turn = undefined;
    }
    lines.close();
    await setup.store.close();
    await setup.flushProfile?.();
  } finally {
    io.output.off('error', onError);
    finished();
    removeSignals();
  }
}

async function handleLine(setup: SessionSetup, line: string, write: (value: unknown) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const { session } = setup;
  const [command, ...rest] = line.split(/\s+/);
  const argument = line.slice(command.length).trim();
  if (!line.startsWith('/') || line.startsWith('//')) {
    await drain(session.play({ text: line.startsWith('//') ? line.slice(1) : line }, { signal }), write, false);
    return;
  }
  switch (command) {
    case '/regen':
    case '/regenerate': {
      const turn = rest[0] ? Number(rest[0]) : undefined;
      if (turn !== undefined && !Number.isInteger(turn)) throw new Error('/regen takes an optional turn number, e.g. /regen 2.');
      await drain(session.regenerate(turn, { signal }), write, true);
      return;
    }
    case '/pick': {
      const index = Number(rest[0]);
      const turn = rest[1] ? Number(rest[1]) : session.turns().length;
      if (!Number.isInteger(index) || index < 1) throw new Error('/pick takes a candidate number from 1, e.g. /pick 2.');
      if (session.turns().length === 0) throw new Error('There is no turn to pick a candidate for yet; send a line first.');
      await session.choose(turn, index - 1);
      const chosen = session.turns().find((t) => t.number === turn);
      await write({ type: 'pick', turn, chosen: index - 1, text: chosen?.candidates[chosen.chosen]?.text ?? '' });
      return;
    }
    case '/undo': {
      const before = session.turns().length;
      const input = await session.undo();
      await write(input ? { type: 'undo', turn: before, input: input.text } : { type: 'error', kind: 'command', message: 'There is no turn to undo.' });
      return;
    }
    case '/remember': {
      if (!argument) throw new Error('/remember takes the fact to keep, e.g. /remember Wren owes Ilsa the mill.');
      const fact = await session.remember(argument);
      await write({ type: 'remember', fact });
      return;
    }
    case '/forget': {
      // `/forget 2` is the second fact as `/memory` lists them; anything else is a fact id.
      const facts = session.memory().facts;
      const fact = /^\d+$/.test(argument) ? facts[Number(argument) - 1] : facts.find((f) => f.id === argument);
      const forgotten = fact ? await session.forget(fact.id) : false;
      await write(forgotten && fact
        ? { type: 'forget', id: fact.id, text: fact.text, turn: fact.turn }
        : { type: 'error', kind: 'command', message: `There is no fact "${argument}"; /memory lists them (forget one by its number or id).` });
      return;
    }
    case '/memory':
      await write({ type: 'memory', memory: session.memory() });
      return;
    case '/tree':
      await write({ type: 'tree', branches: session.tree() });
      return;
    case '/branch':
      await session.switchBranch(argument);
      await write({ type: 'branch', leafId: argument, turns: session.turns().length });
      return;
    case '/opening': {
      // Before the first turn, another of the world's openings (a card's greetings), by id or number.
      const openings = session.pack.openings;
      const n = Number(argument);
      const opening = Number.isInteger(n) && n >= 1 ? openings[n - 1] : openings.find((o) => o.id === argument);
      if (!opening) throw new Error(`/opening takes an opening's id or number (1-${openings.length}): ${openings.map((o) => o.id).join(', ')}.`);
      await session.chooseOpening(opening.id);
      await write({ type: 'opening', id: opening.id, title: opening.title, text: session.openingText });
      return;
    }
    case '/edit':
      if (!argument) throw new Error('/edit takes the new text of your last message.');
      await drain(session.edit(argument, { signal }), write, false);
      return;
    default:
      throw new Error(`Unknown command ${command}; headless play knows /regen, /pick N, /undo, /remember, /forget, /memory, /tree, /branch, /edit, /opening (start a line with // to send a slash).`);
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
      text: c.text, score: round(c.score), critics: c.critics.map(criticLine),
      variant: c.variant, incomplete: c.incomplete, repairs: c.repairs, ...(c.finishReason ? { finishReason: c.finishReason } : {}), ...(c.error ? { error: c.error } : {}),
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
    id: r.id, flagged: r.flagged, score: round(r.score), evidence: r.evidence,
    ...(r.confidence !== undefined ? { confidence: r.confidence } : {}), ...(r.hint ? { hint: true } : {}),
  };
}

/** The judge's cost for the turn, each call counted once (a regenerated candidate had its own). */
function judged(candidates: Candidate[]): { judge: Record<string, unknown> } | undefined {
  const calls = new Map<string, JudgeCost>();
  for (const c of candidates) if (c.judge) calls.set(c.judge.call, c.judge);
  if (calls.size === 0) return undefined;
  const all = [...calls.values()];
  const sum = (key: 'promptTokens' | 'completionTokens') => (all.some((j) => j[key] === null) ? null : all.reduce((n, j) => n + (j[key] ?? 0), 0));
  const errors = [...new Set(candidates.flatMap((c) => (c.judge?.error ? [c.judge.error] : [])))];
  return {
    judge: {
      calls: all.length, candidates: all.reduce((n, j) => n + j.candidates, 0), promptTokens: sum('promptTokens'), completionTokens: sum('completionTokens'),
      ms: all.reduce((n, j) => n + j.ms, 0), format: all[all.length - 1]!.format, ...(errors.length > 0 ? { errors } : {}),
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
