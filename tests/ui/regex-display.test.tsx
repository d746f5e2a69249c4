// A card's display-only (markdownOnly) regex script changes what the play screen shows, in the
// printed history and on the live area, and not what the story stores.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { resolveWorld } from '../../src/world/discover.js';
import { regexScriptSchema } from '../../src/world/schema.js';
import type { RegexScript } from '../../src/world/types.js';
import { liveArea, makeSession, renderApp, waitForFrame } from './harness.js';

afterEach(() => cleanup());

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of events);
}

describe('display-only regex scripts', () => {
  it("show the player's marker rewritten above and on the live area, while the stored input keeps it", async () => {
    const pack = (await resolveWorld('glass-orchard')).pack;
    const aside = regexScriptSchema.parse({
      scriptName: 'Aside marker',
      findRegex: '/!aside (\\w+)/g',
      replaceString: '(aside: $1)',
      placement: [1],
      markdownOnly: true,
    }) as RegexScript;
    const session = await makeSession({ pack: { ...pack, regexScripts: [aside] }, candidates: 1 });
    await drain(session.play({ text: 'I look around. !aside first' }));
    await drain(session.play({ text: 'I listen. !aside second' }));
    expect(session.turns().map((t) => t.input.text)).toEqual(['I look around. !aside first', 'I listen. !aside second']);
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => f.includes('turn 2 ·'), 'the first frame');
    await waitForFrame(app.lastFrame, (f) => f.includes('(aside: first)'), 'the printed turn 1');
    expect(app.printed()).toContain('I look around. (aside: first)');
    expect(app.printed()).not.toContain('!aside');
    expect(liveArea(app.lastFrame()!)).toContain('I listen. (aside: second)');
    expect(app.lastFrame()).not.toContain('!aside');
  });
});
