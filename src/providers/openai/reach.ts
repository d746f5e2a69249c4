/**
 * Whether anything answers at an endpoint's host and port, checked once at the start of play so a
 * dead endpoint is told before the first message rather than by it. One TCP connection, closed at
 * once: no HTTP request, so it costs the server nothing and counts against no rate limit. It only
 * finds what a connection can (nothing listens, the name does not resolve, no answer in time);
 * `skald doctor` checks the rest. Nothing waits on it: the caller shows its notice when it comes.
 */
import { connect as netConnect, type Socket } from 'node:net';

export interface ReachDeps {
  /** Opens the connection (tests may pass their own). */
  connect?: (port: number, host: string) => Socket;
  /** Schedules the give-up; returns its cancel (tests fire it themselves). */
  setTimer?: (run: () => void, ms: number) => () => void;
  timeoutMs?: number;
}

const TIMEOUT_MS = 5_000;

const realTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  // The check never keeps a run that has ended alive.
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * Undefined when a connection to `baseURL`'s host and port opens (or the URL names none to
 * check), else the notice: `The endpoint at HOST does not answer: WHY. `skald doctor` checks it.`
 * `signal` stops the check (the run ended); it then settles undefined.
 */
export function endpointUnanswered(baseURL: string, signal?: AbortSignal, deps: ReachDeps = {}): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return Promise.resolve(undefined);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve(undefined);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const timeoutMs = deps.timeoutMs ?? TIMEOUT_MS;
  return new Promise((resolve) => {
    let settled = false;
    const socket = (deps.connect ?? ((p, h) => netConnect({ port: p, host: h })))(port, host);
    socket.unref();
    const cancel = (deps.setTimer ?? realTimer)(() => finish(`no answer within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    const onAbort = () => finish(undefined);
    function finish(why: string | undefined) {
      if (settled) return;
      settled = true;
      cancel();
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(
        why === undefined
          ? undefined
          : `The endpoint at ${url.host} does not answer: ${why}${/[.?]$/.test(why) ? '' : '.'} \`skald doctor\` checks it.`,
      );
    }
    if (signal?.aborted) return finish(undefined);
    signal?.addEventListener('abort', onAbort);
    socket.once('connect', () => finish(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(reason(error)));
  });
}

function reason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'nothing listens there. Is the server running?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name is not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the network cannot reach it';
    default:
      return error.code ? `the connection failed (${error.code})` : 'the connection failed';
  }
}
