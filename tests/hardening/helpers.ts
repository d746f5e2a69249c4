/**
 * Shared pieces of the hardening tests: a real Session over the real openai provider and a real
 * JSONL store in a temp folder, pointed at the loopback test server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from '../../src/engine/session/index.js';
import type { SessionEvent } from '../../src/engine/types.js';
import type { ResolvedProfile } from '../../src/config/profiles.js';
import { createOpenAIProvider, type OpenAIProviderOptions } from '../../src/providers/openai/index.js';
import { parseSessionLog } from '../../src/store/parse-session.js';
import { JsonlSessionStore } from '../../src/store/session-file.js';
import type { TurnRecord } from '../../src/engine/session/records.js';
import type { WorldPack } from '../../src/world/types.js';
import { miniPack } from '../fixtures/mini-pack.js';

export function profileFor(url: string, overrides: Partial<ResolvedProfile> = {}): ResolvedProfile {
  return { name: 'hardening', baseURL: url, model: 'test-model', headers: {}, supportsN: false, source: 'profile', ...overrides };
}

/**
 * Short backoff, so retries resolve at once; timeouts short enough for tests yet long enough that
 * a healthy reply on a busy CI machine never trips them (the stall tests set their own).
 */
export const FAST: OpenAIProviderOptions = {
  baseDelayMs: 5,
  maxDelayMs: 20,
  maxRetries: 3,
  firstTokenTimeoutMs: 3000,
  idleTimeoutMs: 3000,
  connectTimeoutMs: 3000,
};

export interface RemoteSession {
  session: Session;
  store: JsonlSessionStore;
  dir: string;
  /** Records in the session file, as a resumed session would read them. */
  fileTurns(): TurnRecord[];
  fileWarnings(): string[];
}

export async function remoteSession(
  url: string,
  options: { candidates?: number; provider?: OpenAIProviderOptions; pack?: WorldPack } = {},
): Promise<RemoteSession> {
  const dir = mkdtempSync(join(tmpdir(), 'skald-hardening-'));
  const store = new JsonlSessionStore({ dir });
  let t = Date.UTC(2026, 10, 1);
  const session = await Session.create({
    pack: options.pack ?? miniPack(),
    provider: createOpenAIProvider(profileFor(url), { ...FAST, ...options.provider }),
    store,
    clock: { now: () => (t += 1000) },
    seed: 3,
    // No `summarize`: the extractive summary, so a turn sends only its streamed requests.
    candidates: options.candidates ?? 1,
  });
  const parsed = () => parseSessionLog(readFileSync(store.file!, 'utf8'), 'the session');
  return {
    session,
    store,
    dir,
    fileTurns: () => parsed().records.filter((r): r is TurnRecord => r.type === 'turn'),
    fileWarnings: () => parsed().warnings,
  };
}

/** Every event of a turn. */
export async function collect(events: AsyncIterable<SessionEvent>): Promise<SessionEvent[]> {
  const out: SessionEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

export const errorsOf = (events: SessionEvent[]) => events.flatMap((e) => (e.type === 'error' ? [e.error] : []));

/** One sentence: starts with a letter, has no line break, no stack frame, ends with a full stop. */
export function isOneSentence(message: string): boolean {
  return (
    /^[A-Za-z"`]/.test(message) &&
    !message.includes('\n') &&
    !/\bat .+:\d+:\d+/.test(message) &&
    /[.?!)]$/.test(message.trim()) &&
    message.length < 400
  );
}

/**
 * Runs the built CLI to its end without blocking this process (the test server lives here, so
 * `spawnSync` would starve it).
 */
export function runCli(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const bin = new URL('../../bin/skald.js', import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`skald ${args.join(' ')} did not finish within ${options.timeoutMs ?? 60_000} ms; stderr: ${stderr.slice(0, 300)}`));
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
