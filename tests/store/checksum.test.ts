import { describe, expect, it } from 'vitest';
import { checkSeal, parseUnsealed, sealJson, unsealedText } from '../../src/store/checksum.js';

describe('parseUnsealed', () => {
  const line = sealJson(JSON.stringify({ type: 'turn', text: 'Wren says, “Not now.” — é', n: [1, 2] }));
  const bytes = Buffer.from(`x\n${line}\n`, 'utf8');
  const start = 2;
  const end = start + Buffer.byteLength(line);

  it('reads a sealed line as JSON.parse of its unsealed text, and leaves the bytes as they were', () => {
    const before = Buffer.from(bytes);
    expect(checkSeal(bytes, start, end)).toBe('sealed');
    expect(parseUnsealed(bytes, start, end)).toEqual(JSON.parse(unsealedText(bytes, start, end)));
    expect(bytes.equals(before)).toBe(true);
  });

  it('puts the byte back when the record is not valid JSON', () => {
    const broken = Buffer.from(`${line.slice(0, -2)}\n`, 'utf8');
    const before = Buffer.from(broken);
    expect(() => parseUnsealed(broken, 0, broken.length - 1)).toThrow(SyntaxError);
    expect(broken.equals(before)).toBe(true);
    expect(checkSeal(broken, 0, broken.length - 1)).toBe('mismatch');
  });
});
