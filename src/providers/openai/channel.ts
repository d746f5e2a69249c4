/**
 * An unbounded async queue: producers push, one consumer reads with `next` (one call at a time)
 * until it is closed. A plain iterator rather than an async generator: every streamed token
 * passes through it, and a generator layer costs a promise and a resumption more per item.
 */
export interface Channel<T> extends AsyncIterableIterator<T, undefined> {
  push(item: T): void;
  close(): void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

export function createChannel<T>(): Channel<T> {
  const items: T[] = [];
  let closed = false;
  let waiting: ((result: IteratorResult<T, undefined>) => void) | undefined;
  const channel: Channel<T> = {
    push(item) {
      if (closed) return;
      const reader = waiting;
      if (reader) {
        waiting = undefined;
        reader({ done: false, value: item });
      } else items.push(item);
    },
    close() {
      closed = true;
      const reader = waiting;
      waiting = undefined;
      reader?.(DONE);
    },
    next() {
      if (items.length > 0) return Promise.resolve({ done: false, value: items.shift() as T });
      if (closed) return Promise.resolve(DONE);
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    [Symbol.asyncIterator]() {
      return channel;
    },
  };
  return channel;
}

/** Runs at most `limit` tasks at once, in the order they were queued. */
export function createLimiter(limit: number): <R>(task: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return async <R>(task: () => Promise<R>): Promise<R> => {
    if (running >= Math.max(1, limit)) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * A signal for one request that follows `outer`, and the call that unhooks it. The SDK adds an
 * abort listener to the signal it is given and never removes it: a long-lived signal (an eval run's)
 * handed to it directly kept one listener, and its request's controller, per request.
 */
export function requestSignal(outer: AbortSignal | undefined): { signal: AbortSignal | undefined; release: () => void } {
  if (!outer) return { signal: undefined, release: () => undefined };
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  if (outer.aborted) controller.abort();
  else outer.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, release: () => outer.removeEventListener('abort', onAbort) };
}

/** Waits `ms`, or less when the signal aborts; resolves false when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
