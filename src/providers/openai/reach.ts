/**
 * Whether anything answers at an endpoint's host and port, checked once at the start of play so a
 * dead endpoint is told before the first message rather than by it. One TCP connection, closed at
 * once: no HTTP request, so it costs the server nothing and counts against no rate limit. It only
 * finds what a connection can (nothing listens, the name does not resolve, no answer in time);
 * `skald doctor` checks the rest. Nothing waits on it: the caller shows its notice when it comes.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { isBadPort } from './bad-ports.js';
import {
  badPortMessage,
  connectionFailedMessage,
  type EndpointAddress,
  hostNotFoundMessage,
  noAnswerMessage,
  refusedMessage,
} from './failures.js';

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
 * Undefined when a connection to the endpoint's host and port opens (or its URL names none to
 * check), else the notice: the sentence a send would fail with for the same cause (failures.ts),
 * so the player reads one wording for one fault. `signal` stops the check (the run ended); it then
 * settles undefined.
 */
export function endpointUnanswered(endpoint: EndpointAddress, signal?: AbortSignal, deps: ReachDeps = {}): Promise<string | undefined> {
  const { baseURL } = endpoint;
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
  // Refused by fetch before any connection: a connection here would find nothing listening and say so.
  if (isBadPort(port)) return Promise.resolve(badPortMessage(baseURL));
  return new Promise((resolve) => {
    let settled = false;
    const socket = (deps.connect ?? ((p, h) => netConnect({ port: p, host: h })))(port, host);
    socket.unref();
    const cancel = (deps.setTimer ?? realTimer)(() => finish(noAnswerMessage(baseURL)), timeoutMs);
    const onAbort = () => finish(undefined);
    function finish(message: string | undefined) {
      if (settled) return;
      settled = true;
      cancel();
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(message);
    }
    if (signal?.aborted) return finish(undefined);
    signal?.addEventListener('abort', onAbort);
    socket.once('connect', () => finish(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(refusal(endpoint, error)));
  });
}

/** The sentence a send gives for the same socket error. */
function refusal(endpoint: EndpointAddress, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return refusedMessage(endpoint);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return hostNotFoundMessage(endpoint.baseURL);
    default:
      return connectionFailedMessage(endpoint.baseURL, error.code ?? error.message);
  }
}
