import { describe, expect, it } from 'vitest';
import { Story } from '../../../src/engine/session/story.js';
import { openingMessage } from '../../../src/engine/session/context.js';
import { miniPack } from '../../fixtures/mini-pack.js';

describe("the story's opening message", () => {
  it('is made once per opening, the same as one made afresh, and another for a swiped opening', () => {
    const pack = miniPack();
    const [first, ...rest] = pack.openings;
    const second = rest[0] ?? { ...first, id: 'another', text: 'Another evening, {{user}}. {{roll:1d20}}' };
    const persona = pack.player;
    const story = new Story(pack, { ...first, text: `${first.text} {{roll:1d6}} {{time}}` }, persona, 11, Date.UTC(2026, 10, 2, 21, 5));
    const message = story.openingMessage();
    expect(message).toEqual(openingMessage(pack, story.opening, persona, 11, Date.UTC(2026, 10, 2, 21, 5)));
    expect(story.openingMessage()).toBe(message);
    expect(Object.isFrozen(message)).toBe(true);
    story.opening = second;
    const swiped = story.openingMessage();
    expect(swiped).not.toBe(message);
    expect(swiped).toEqual(openingMessage(pack, second, persona, 11, Date.UTC(2026, 10, 2, 21, 5)));
    expect(story.openingMessage()).toBe(swiped);
  });
});
