// Drives the real TUI with the real Session and the real offline narrator under
// ink-testing-library: keys go in through stdin (`readable`, as Ink reads them), frames come out.
import type { ReactElement } from 'react';
import { render as inkRender } from 'ink-testing-library';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore } from '../../src/engine/session/records.js';
import { JsonlSessionStore } from '../../src/store/session-file.js';
import { createOfflineNarrator } from '../../src/providers/offline/index.js';
import { createOpenAIProvider, type OpenAIProviderOptions } from '../../src/providers/openai/index.js';
import { resolveWorld } from '../../src/world/discover.js';
import type { WorldPack } from '../../src/world/types.js';
import { App, type AppProps } from '../../src/ui/App.js';
import { HistoryOutput } from '../../src/ui/components/Transcript.js';
import { fileServices } from '../../src/cli/file-services.js';

export const KEYS = {
  enter: '\r',
  altEnter: '\u001b\r',
  shiftEnter: '\u001b[13;2u',
  esc: '\u001b',
  left: '\u001b[D',
  right: '\u001b[C',
  up: '\u001b[A',
  down: '\u001b[B',
  altLeft: '\u001b[1;3D',
  altRight: '\u001b[1;3C',
  altUp: '\u001b[1;3A',
  altDown: '\u001b[1;3B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  tab: '\t',
  ctrlC: '\u0003',
  ctrlR: '\u0012',
  f2: '\u001bOQ',
  f2Tilde: '\u001b[12~',
  backspace: '\u007f',
} as const;

export interface SessionOptions {
  world?: string;
  pack?: WorldPack;
  delayMs?: number;
  candidates?: number;
  seed?: number;
  /** Write the session to a real file under SKALD_HOME (default: in memory). */
  saved?: boolean;
  /** The clock's start (ms since the epoch); the session's id is made from it. */
  startAt?: number;
}

/** A real Session over a bundled world (or a given pack) with the offline narrator. */
export async function makeSession(options: SessionOptions = {}): Promise<Session> {
  const pack = options.pack ?? (await resolveWorld(options.world ?? 'glass-orchard')).pack;
  let now = options.startAt ?? 1_700_000_000_000;
  return Session.create({
    pack,
    provider: createOfflineNarrator({ seed: options.seed ?? 1, delayMs: options.delayMs ?? 0 }),
    store: options.saved ? new JsonlSessionStore() : new MemorySessionStore(),
    clock: { now: () => (now += 7) },
    seed: options.seed ?? 1,
    candidates: options.candidates ?? 3,
  });
}

/**
 * A real Session over The Glass Orchard whose narrator is the openai provider talking to the
 * loopback test server at `baseURL` (no retries unless `provider` says otherwise).
 */
export async function modelSession(
  baseURL: string,
  options: { candidates?: number; provider?: OpenAIProviderOptions } = {},
): Promise<Session> {
  const pack = (await resolveWorld('glass-orchard')).pack;
  const provider = createOpenAIProvider(
    { name: 'test', baseURL, model: 'test-model', headers: {}, supportsN: false, source: 'profile' },
    { maxRetries: 0, ...options.provider },
  );
  return Session.create({
    pack,
    provider,
    store: new MemorySessionStore(),
    clock: { now: () => Date.now() },
    seed: 1,
    candidates: options.candidates ?? 1,
  });
}

/**
 * ink-testing-library's render, with the TUI's printed history kept as a terminal keeps it: the
 * transcript writes rows above the live area once, and ink-testing-library would show a written
 * block only in the frame it was written in. `lastFrame()` is every row printed so far, in order,
 * with the live area under it (as Ink's `<Static>` frames were); a print adds such a frame to
 * `frames`; `printed()` is the rows alone.
 */
export function render(tree: ReactElement) {
  const printed: string[] = [];
  let made: ReturnType<typeof inkRender> | undefined = undefined;
  /** The printed rows and the live area under them, as one frame whose live area `liveArea` knows. */
  const compose = (live: string, kept = false) => {
    const history = printed.join('');
    const frame = history + live;
    remember(frame, history.length, kept);
    return frame;
  };
  const print = (text: string) => {
    printed.push(text);
    made?.frames.push(compose(made.lastFrame() ?? '', true));
  };
  const wrap = (node: ReactElement) => <HistoryOutput.Provider value={print}>{node}</HistoryOutput.Provider>;
  made = inkRender(wrap(tree));
  const result = made;
  // The first commit's rows were printed before `made` was set.
  if (printed.length > 0) result.frames.push(compose(result.lastFrame() ?? '', true));
  return {
    ...result,
    rerender: (next: ReactElement) => result.rerender(wrap(next)),
    lastFrame: () => compose(result.lastFrame() ?? ''),
    printed: () => printed.join(''),
  };
}

export function renderApp(session: Session, props: Partial<AppProps> = {}) {
  const result = render(<App started={{ session, notes: [] }} services={fileServices} {...props} />);
  return { ...result, session, type: (text: string) => result.stdin.write(text) };
}

/**
 * Expiries (notices, the double-Ctrl+C window) the test fires by hand: they happen when the test
 * says, not when a timer does.
 */
export function manualExpiry() {
  const pending: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  const schedule = (run: () => void, ms: number) => {
    const entry = { run, ms, cancelled: false };
    pending.push(entry);
    return () => {
      entry.cancelled = true;
    };
  };
  const live = () => pending.filter((e) => !e.cancelled);
  return {
    schedule,
    /** The durations of the expiries still pending. */
    durations: () => live().map((e) => e.ms),
    /** Runs every pending expiry, as if their time had come. */
    expire: () => pending.splice(0).forEach((e) => !e.cancelled && e.run()),
  };
}

/**
 * How long a wait on the screen or the session may take before it counts as a hang. Only a bound:
 * on a loaded two-core machine one offline turn through the TUI has taken over 8 s.
 */
export const HANG_MS = 30_000;

/** Polls until `check` passes on the latest frame (bounded), then returns that frame. */
export async function waitForFrame(
  get: () => string | undefined,
  check: (frame: string) => boolean,
  what: string,
  timeoutMs = HANG_MS,
): Promise<string> {
  const started = Date.now();
  for (;;) {
    const frame = get() ?? '';
    if (check(frame)) return frame;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Polls a condition on anything (session state), bounded. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = HANG_MS): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Lets Ink process pending input and render. */
export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/**
 * Where the live area starts in the frames `render` composed (the printed history above it): every
 * one kept in `frames`, and the latest of those `lastFrame` returned (a frame is read right after).
 */
const framesStarts = new Map<string, number>();
const liveStarts = new Map<string, number>();
const KEPT_STARTS = 256;

function remember(frame: string, at: number, kept: boolean) {
  if (kept) framesStarts.set(frame, at);
  liveStarts.delete(frame);
  liveStarts.set(frame, at);
  if (liveStarts.size > KEPT_STARTS) liveStarts.delete(liveStarts.keys().next().value as string);
}

/**
 * The live area: what Ink draws under the printed history. In a frame `render` composed, that is
 * known; in any other, everything from the last header line down (the whole frame when it has none,
 * as over a long reply whose head, with the header, was printed into the history).
 */
export function liveArea(frame: string): string {
  const at = liveStarts.get(frame) ?? framesStarts.get(frame);
  if (at !== undefined) return frame.slice(at);
  const lines = frame.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/ · turn \d+ · /.test(lines[i])) return lines.slice(i).join('\n');
  }
  return frame;
}

/** Plays one turn through the composer and waits until it is committed. */
export async function playTurn(app: ReturnType<typeof renderApp>, text: string): Promise<void> {
  const before = app.session.turns().length;
  app.type(text);
  await tick();
  app.type(KEYS.enter);
  await waitUntil(() => app.session.turns().length === before + 1, `turn ${before + 1}`);
  await waitForFrame(
    app.lastFrame,
    (f) => new RegExp(`turn ${before + 1} ·`).test(f) && /[◀◁] \d+\/\d+ [▶▷]/.test(liveArea(f)),
    'the carousel',
  );
}
