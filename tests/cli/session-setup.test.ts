import { describe, expect, it, vi } from 'vitest';
import { OFFLINE_TUI_DELAY_MS, setupSession } from '../../src/cli/session-setup.js';

/**
 * One offline turn: the median gap between its streamed chunks, how many chunks, and how many
 * reading-pace pauses were put on a timer while it streamed.
 */
async function playOnce(headless: boolean): Promise<{ medianGap: number; chunks: number; pauses: number }> {
  const setup = await setupSession('glass-orchard', { offline: true, seed: 1, candidates: 1, headless });
  const timers = vi.spyOn(globalThis, 'setTimeout');
  const at: number[] = [];
  for await (const event of setup.session.play({ text: 'I walk up the hill.' })) if (event.type === 'delta') at.push(performance.now());
  const pauses = timers.mock.calls.filter(([, ms]) => ms === OFFLINE_TUI_DELAY_MS).length;
  timers.mockRestore();
  await setup.store.close();
  await setup.flushProfile?.();
  const gaps = at
    .slice(1)
    .map((t, i) => t - at[i])
    .sort((a, b) => a - b);
  expect(gaps.length).toBeGreaterThan(10);
  return { medianGap: gaps[Math.floor(gaps.length / 2)], chunks: at.length, pauses };
}

describe('the offline narrator as the TUI and headless play get it', () => {
  it('streams at a reading pace in the TUI, so a reply visibly arrives and Esc can stop it', async () => {
    const run = await playOnce(false);
    // A pause before each chunk after the first; a loaded machine only makes the gaps longer.
    expect(run.pauses).toBeGreaterThanOrEqual(run.chunks - 1);
    expect(run.medianGap).toBeGreaterThanOrEqual(OFFLINE_TUI_DELAY_MS * 0.8);
  });

  it('answers at once headless', async () => {
    // No pause is put between the chunks: they come as fast as the machine goes. (Timing the gaps
    // instead raced a 6 ms bound against a loaded machine.)
    expect((await playOnce(true)).pauses).toBe(0);
  });
});
