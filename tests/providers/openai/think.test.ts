import { describe, expect, it } from 'vitest';
import { createThinkSplitter, reasoningTags, splitThink, type ReasoningTags } from '../../../src/providers/think.js';

function feed(chunks: string[], tags?: ReasoningTags) {
  const s = createThinkSplitter(tags);
  let text = '';
  let reasoning = '';
  for (const c of chunks) {
    const p = s.push(c);
    text += p.text;
    reasoning += p.reasoning;
  }
  const p = s.flush();
  return { text: text + p.text, reasoning: reasoning + p.reasoning };
}

describe('the <think> splitter', () => {
  it('separates a block from the story text', () => {
    expect(splitThink('<think>plan the scene</think>\n\nThe door creaks.')).toEqual({
      text: 'The door creaks.',
      reasoning: 'plan the scene',
    });
  });

  it('finds tags split at every possible chunk boundary', () => {
    const whole = 'Before. <think>secret plan</think> After the storm.';
    for (let cut = 1; cut < whole.length; cut++) {
      for (let cut2 = cut + 1; cut2 <= whole.length; cut2 += 3) {
        const r = feed([whole.slice(0, cut), whole.slice(cut, cut2), whole.slice(cut2)]);
        expect(r.reasoning).toBe('secret plan');
        expect(r.text).toBe('Before. After the storm.');
      }
    }
  });

  it('gives the same parts whatever the chunking, chunks without a tag character included', () => {
    const whole = '<think>plan: the door, then the bell</think>  \n The door creaks. <b>Bold</b> <think>again</think> a < b, fin.';
    const once = splitThink(whole);
    expect(once.reasoning).toBe('plan: the door, then the bellagain');
    for (const size of [1, 2, 3, 4, 5, 8, 13]) {
      const chunks: string[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.slice(i, i + size));
      expect(feed(chunks), `chunks of ${size}`).toEqual(once);
    }
    // Whitespace alone after a block, in chunks of its own, is still the separator.
    expect(feed(['<think>x</think>', '  ', '\n', ' The end.'])).toEqual({ text: 'The end.', reasoning: 'x' });
  });

  it('releases text that only looked like the start of a tag', () => {
    expect(feed(['a <th', 'orn in her side'])).toEqual({ text: 'a <thorn in her side', reasoning: '' });
    expect(feed(['ends with <', 'th'])).toEqual({ text: 'ends with <th', reasoning: '' });
  });

  it('keeps an unclosed block out of the story', () => {
    expect(feed(['<think>still thinking', ' when the stream ended'])).toEqual({
      text: '',
      reasoning: 'still thinking when the stream ended',
    });
  });

  it('handles several blocks', () => {
    expect(splitThink('<think>a</think>One. <think>b</think>Two.')).toEqual({ text: 'One. Two.', reasoning: 'ab' });
  });

  it("splits a reasoning template's tags the same whatever the chunking, and leaves <think> alone then", () => {
    // Kimi's tags, and Gemma 4's as SillyTavern's reasoning template writes them (the newlines are not part of the tag).
    for (const tags of [{ open: '◁think▷', close: '◁/think▷' }, reasoningTags({ prefix: '<|channel>thought\n', suffix: '\n<channel|>' })]) {
      const whole = `${tags.open}plan <think> it${tags.close}\n\nThe door creaks. ◁ a <| b ${tags.open}again${tags.close} fin.`;
      const once = splitThink(whole, tags);
      expect(once.text).toBe('The door creaks. ◁ a <| b fin.');
      expect(once.reasoning.replace(/\n/g, '')).toBe('plan <think> itagain');
      for (const size of [1, 2, 3, 5, 8]) {
        const chunks: string[] = [];
        for (let i = 0; i < whole.length; i += size) chunks.push(whole.slice(i, i + size));
        expect(feed(chunks, tags), `chunks of ${size}`).toEqual(once);
      }
    }
  });

  it('keeps <think> when given an empty tag, which would otherwise match everywhere', () => {
    expect(feed(['<think>a</think>Story.'], { open: '', close: '' })).toEqual({ text: 'Story.', reasoning: 'a' });
  });
});
