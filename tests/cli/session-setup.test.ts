import { describe, expect, it } from 'vitest';
import { OFFLINE_TUI_DELAY_MS, setupSession } from '../../src/cli/session-setup.js';

/** The median gap between streamed chunks of one offline turn. */
async function medianGap(headless: boolean): Promise<number> {
  const setup = await setupSession('glass-orchard', { offline: true, seed: 1, candidates: 1, headless });
  const at: number[] = [];
  for await (const event of setup.session.play({ text: 'I walk up the hill.' })) if (event.type === 'delta') at.push(performance.now());
  await setup.store.close();
  await setup.flushProfile?.();
  const gaps = at
    .slice(1)
    .map((t, i) => t - at[i])
    .sort((a, b) => a - b);
  expect(gaps.length).toBeGreaterThan(10);
  return gaps[Math.floor(gaps.length / 2)];
}

describe('the offline narrator as the TUI and headless play get it', () => {
  it('streams at a reading pace in the TUI, so a reply visibly arrives and Esc can stop it', async () => {
    expect(await medianGap(false)).toBeGreaterThanOrEqual(OFFLINE_TUI_DELAY_MS * 0.8);
  });

  it('answers at once headless', async () => {
    expect(await medianGap(true)).toBeLessThan(OFFLINE_TUI_DELAY_MS / 2);
  });
});
