/**
 * The events of one `generate` call, read by one consumer. Written out as an iterator over the
 * channel rather than an async generator delegating to it: each streamed token passed through
 * both, and every generator layer costs promises and a resumption per item.
 */
import type { ProviderEvent } from '../../engine/types.js';
import { createChannel, type Channel } from './channel.js';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * Starts `run` on the first read, as a generator's body would, with a signal of its own that
 * aborts when `outer` does or when the consumer stops reading while requests still run. `failed`
 * turns an error `run` threw (a bug, not an endpoint failure) into events. Reading ends once `run`
 * has settled and every event it pushed was read; `return` stops the requests and waits for them.
 */
export function requestEvents(
  outer: AbortSignal | undefined,
  run: (channel: Channel<ProviderEvent>, signal: AbortSignal) => Promise<void>,
  failed: (error: unknown, channel: Channel<ProviderEvent>) => void,
): AsyncIterableIterator<ProviderEvent, undefined> {
  const channel = createChannel<ProviderEvent>();
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  let started = false;
  let running = false;
  let stopped = false;
  let finished: Promise<void> = Promise.resolve();

  const start = () => {
    started = true;
    if (outer?.aborted) controller.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    running = true;
    finished = run(channel, controller.signal)
      .catch((error: unknown) => failed(error, channel))
      .finally(() => {
        running = false;
        outer?.removeEventListener('abort', onAbort);
        channel.close();
      });
  };

  const events: AsyncIterableIterator<ProviderEvent, undefined> = {
    next() {
      if (stopped) return Promise.resolve(DONE);
      if (!started) start();
      return channel.next();
    },
    async return() {
      stopped = true;
      if (!started) return DONE;
      outer?.removeEventListener('abort', onAbort);
      // Only requests still running need stopping: an abort builds a DOMException with its stack
      // and wakes every listener, ~0.1 ms a turn for nothing once every candidate has ended.
      if (running) controller.abort();
      await finished;
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return events;
    },
  };
  return events;
}
