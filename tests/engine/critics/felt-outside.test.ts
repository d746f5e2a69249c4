import { describe, expect, it } from 'vitest';
import { ctxOf, ilsaAlone, verdict } from './who-packs.js';

const pack = ilsaAlone();
const flagged = (reply: string) => verdict('speaks-for-user', reply, ctxOf(pack, { input: 'I press my palm to the mill door.' })).flagged;

describe('speaks-for-user: feeling something outside oneself is perception', () => {
  it('reads a sensation coming from the scene as the narrator describing it', () => {
    expect(flagged('The wood is cold. You feel a slow, uneven knocking coming from somewhere behind the boards.')).toBe(false);
    expect(flagged('As the widow takes your hand, you feel a restless grief pouring off her like heat.')).toBe(false);
  });

  it('still reads a feeling decided for the player as speaking for them', () => {
    expect(flagged('The wood is cold. You feel a surge of anger rising in your chest and you slam the door.')).toBe(true);
    expect(flagged('Ilsa says nothing. You feel foolish for asking, and you turn to go.')).toBe(true);
  });
});
