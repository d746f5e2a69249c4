import { describe, expect, it } from 'vitest';
import { countTokens, TokenCounter } from '../../../src/engine/tokens.js';
import { resolveMacros } from '../../../src/engine/macros.js';

describe('TokenCounter', () => {
  it('counts with a real tokenizer', () => {
    const counter = new TokenCounter();
    expect(counter.count('')).toBe(0);
    expect(counter.count('hello')).toBe(1);
    expect(counter.count('The wheel stopped three nights ago.')).toBeGreaterThan(5);
    expect(counter.count('你回到磨坊，水车停了。')).toBeGreaterThan(3);
    expect(countTokens('hello world')).toBe(2);
  });

  it('encodes each string once', () => {
    const counter = new TokenCounter();
    const text = 'Wren stands in the mill yard with a lamp.';
    const first = counter.count(text);
    expect(counter.encodes).toBe(1);
    expect(counter.count(text)).toBe(first);
    expect(counter.encodes).toBe(1);
    counter.count('something else');
    expect(counter.encodes).toBe(2);
  });

  it('stays bounded, evicting the least recently used', () => {
    const counter = new TokenCounter({ maxEntries: 100 });
    counter.count('keep me');
    for (let i = 0; i < 250; i++) {
      counter.count(`message ${i}`);
      counter.count('keep me');
    }
    expect(counter.size).toBeLessThanOrEqual(100);
    const before = counter.encodes;
    counter.count('keep me');
    expect(counter.encodes).toBe(before);
    counter.count('message 0');
    expect(counter.encodes).toBe(before + 1);
  });

  it('bounds the cached characters too', () => {
    const counter = new TokenCounter({ maxChars: 1000 });
    for (let i = 0; i < 50; i++) counter.count(`${i} ${'x'.repeat(99)}`);
    expect(counter.size).toBeLessThanOrEqual(10);
  });

  it('counts special-token text as plain text instead of throwing', () => {
    expect(new TokenCounter().count('a <|endoftext|> b')).toBeGreaterThan(3);
  });
});

describe('resolveMacros', () => {
  it('replaces {{user}} and {{char}} in any case, and old <USER>/<BOT>', () => {
    const names = { user: 'Tamsin', char: 'Wren' };
    expect(resolveMacros('{{user}} meets {{char}}; {{User}} and {{ CHAR }}.', names)).toBe('Tamsin meets Wren; Tamsin and Wren.');
    expect(resolveMacros('<USER> waves at <BOT>. <user>/<bot>', names)).toBe('Tamsin waves at Wren. Tamsin/Wren');
    expect(resolveMacros('No macros <b>here</b> {{other}}.', names)).toBe('No macros <b>here</b> {{other}}.');
  });
});
