import { describe, expect, it } from 'vitest';
import { isWaiting } from '../../../src/engine/pacing/cues.js';

// How a transcript or a chat writes a filler: drawn out ("Hmmmm."), trailing off in dashes ("Um--"),
// or after a stage note in square brackets ("[Yawning] Huh?"). Written after reading held-out 8's
// misses; the phrasings here are not from any labelled set.
describe('a filler drawn out, trailing off, or after a stage note', () => {
  it('waits as the plain filler does', () => {
    for (const text of ['Hmmmm.', 'Ummmm?', 'Um--', 'Okay, so--', 'Hm—', '[Yawning] Huh?', '[Quietly] Okay.']) {
      expect(isWaiting(text), text).toBe(true);
    }
  });

  it('leaves what the stage note or the dashes frame as it is', () => {
    for (const text of ['[Whispering] Sorry!', '[Shouting] Get down!', 'I grab the-- the rope!', 'Nooo, I run after him--']) {
      expect(isWaiting(text), text).toBe(false);
    }
    // Han laughter repeats its character and stays laughter.
    expect(isWaiting('嘿嘿嘿')).toBe(true);
  });
});
