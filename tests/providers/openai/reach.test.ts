import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointUnanswered } from '../../../src/providers/openai/reach.js';
import { createOpenAIProvider } from '../../../src/providers/openai/index.js';
import { collect, profileFor, request } from './helpers.js';

let listening: Server;
let openPort: number;
let closedPort: number;

beforeAll(async () => {
  listening = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  openPort = (listening.address() as { port: number }).port;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(() => new Promise<void>((resolve) => listening.close(() => resolve())));

/** A timer the test fires itself. */
function manualTimer() {
  const timers: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  return {
    timers,
    setTimer: (run: () => void, ms: number) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
}

describe('the start-of-play check that an endpoint answers', () => {
  it('is content when something listens, and says nothing listens when nothing does', async () => {
    const clock = manualTimer();
    expect(await endpointUnanswered({ baseURL: `http://127.0.0.1:${openPort}/v1` }, undefined, clock)).toBeUndefined();
    expect(await endpointUnanswered({ baseURL: `http://127.0.0.1:${closedPort}/v1` }, undefined, clock)).toBe(
      `Nothing listens at http://127.0.0.1:${closedPort}/v1: start the server, or correct the port in the base URL.`,
    );
    // Each check put its give-up on the timer and took it off once it knew.
    expect(clock.timers.map((t) => [t.ms, t.cancelled])).toEqual([
      [5000, true],
      [5000, true],
    ]);
  });

  it('gives up on a connection that never opens when its timer fires, and says so', async () => {
    const clock = manualTimer();
    const hanging = new Socket();
    const check = endpointUnanswered({ baseURL: 'https://models.example/v1' }, undefined, {
      ...clock,
      connect: (port, host) => {
        expect([port, host]).toEqual([443, 'models.example']);
        return hanging;
      },
    });
    expect(clock.timers).toHaveLength(1);
    clock.timers[0].run();
    expect(await check).toBe(
      'The endpoint at https://models.example/v1 did not answer in time: check that the server is up and not overloaded.',
    );
    expect(hanging.destroyed).toBe(true);
  });

  it('settles with nothing to say once the run ends, and checks nothing for a URL it cannot read', async () => {
    const clock = manualTimer();
    const stop = new AbortController();
    const hanging = new Socket();
    const check = endpointUnanswered({ baseURL: 'http://127.0.0.1:1234/v1' }, stop.signal, { ...clock, connect: () => hanging });
    stop.abort();
    expect(await check).toBeUndefined();
    expect(hanging.destroyed).toBe(true);
    expect(clock.timers[0].cancelled).toBe(true);
    expect(await endpointUnanswered({ baseURL: 'not a url' }, undefined, clock)).toBeUndefined();
  });

  it('says what a send to the same endpoint says: one sentence for one fault', async () => {
    const clock = manualTimer();
    const sendFails = async (baseURL: string, preset?: string) =>
      (await collect(createOpenAIProvider(profileFor(baseURL, preset ? { preset } : {}), { maxRetries: 0 }), request(1))).errors[0]
        ?.message;
    // Nothing listens: with the preset's start command.
    const closed = { baseURL: `http://127.0.0.1:${closedPort}/v1`, preset: 'ollama' };
    const refused = await endpointUnanswered(closed, undefined, clock);
    expect(refused).toContain('ollama serve');
    expect(refused).toBe(await sendFails(closed.baseURL, closed.preset));
    // A port fetch refuses (9): nothing listens there either, but a send never connects; no connection is tried.
    const blocked = { baseURL: 'http://127.0.0.1:9/v1' };
    const connect = () => {
      throw new Error('no connection to a port fetch refuses');
    };
    const bad = await endpointUnanswered(blocked, undefined, { ...clock, connect });
    expect(bad).toContain("a port that Node's fetch refuses");
    expect(bad).toBe(await sendFails(blocked.baseURL));
  });
});
