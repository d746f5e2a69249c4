// A card's display-only regex scripts apply to the reply while it streams, not only once it is done.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { resolveWorld } from '../../src/world/discover.js';
import { regexScriptSchema } from '../../src/world/schema.js';
import type { RegexScript } from '../../src/world/types.js';
import { KEYS, liveArea, makeSession, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

describe('display-only regex scripts while a reply streams', () => {
  it('show the partial reply and the input through them', async () => {
    const pack = (await resolveWorld('glass-orchard')).pack;
    const turned = regexScriptSchema.parse({ findRegex: '/e/g', replaceString: 'ǝ', placement: [1, 2], markdownOnly: true }) as RegexScript;
    const app = renderApp(await makeSession({ pack: { ...pack, regexScripts: [turned] }, delayMs: 60, candidates: 1 }));
    app.type('I see the gate.');
    await tick();
    app.type(KEYS.enter);
    const frame = await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Esc stops') && /› I sǝǝ thǝ gatǝ\.\n\n(?!writing )\S+ \S+ \S+/.test(liveArea(f)),
      'some text streamed',
    );
    const live = liveArea(frame);
    const reply = live.slice(live.indexOf('gatǝ.') + 5, live.indexOf('\nwriting '));
    expect(reply).toContain('ǝ');
    expect(app.session.turns()).toHaveLength(0);
    expect(reply).not.toContain('e');
    app.type(KEYS.esc);
  });
});
