// A card's display-only (markdownOnly) regex script changes what the play screen shows, in the
// printed history and on the live area, and not what the story stores.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { resolveWorld } from '../../src/world/discover.js';
import { regexScriptSchema } from '../../src/world/schema.js';
import type { RegexScript } from '../../src/world/types.js';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { nameColors } from '../../src/ui/text/colors.js';
import { fillsHistory } from '../../src/ui/text/history-window.js';
import type { Line } from '../../src/ui/text/wrap.js';
import { liveArea, makeSession, render, renderApp, waitForFrame } from './harness.js';
import { collect } from '../engine/session/helpers.js';

afterEach(() => cleanup());

/** Two turns played in the Glass Orchard with a display-only script that rewrites the player's "!aside WORD". */
async function asideStory() {
  const pack = (await resolveWorld('glass-orchard')).pack;
  const aside = regexScriptSchema.parse({
    scriptName: 'Aside marker',
    findRegex: '/!aside (\\w+)/g',
    replaceString: '(aside: $1)',
    placement: [1],
    markdownOnly: true,
  }) as RegexScript;
  const session = await makeSession({ pack: { ...pack, regexScripts: [aside] }, candidates: 1 });
  await collect(session.play({ text: 'I look around. !aside first' }));
  await collect(session.play({ text: 'I listen. !aside second' }));
  return session;
}

describe('display-only regex scripts', () => {
  it("show the player's marker rewritten above and on the live area, while the stored input keeps it", async () => {
    const session = await asideStory();
    expect(session.turns().map((t) => t.input.text)).toEqual(['I look around. !aside first', 'I listen. !aside second']);
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => f.includes('turn 2 ·'), 'the first frame');
    await waitForFrame(app.lastFrame, (f) => f.includes('(aside: first)'), 'the printed turn 1');
    expect(app.printed()).toContain('I look around. (aside: first)');
    expect(app.printed()).not.toContain('!aside');
    expect(liveArea(app.lastFrame())).toContain('I listen. (aside: second)');
    expect(app.lastFrame()).not.toContain('!aside');
  });

  it('are shown on the turns a resume wrapped before the play screen (the tail check wraps them as stored)', async () => {
    const session = await asideStory();
    const names = nameColors(session.pack);
    const lines = new Map<string, Line[]>();
    fillsHistory(session.persona.name, names, 99, lines)(session.turns());
    expect(lines.size).toBe(1);
    const app = render(
      <App
        started={{ session, notes: [], wrapped: { playerName: session.persona.name, names, width: 99, lines } }}
        services={fileServices}
      />,
    );
    await waitForFrame(app.lastFrame, (f) => f.includes('(aside: first)'), 'the printed turn 1');
    expect(app.printed()).not.toContain('!aside');
  });
});
