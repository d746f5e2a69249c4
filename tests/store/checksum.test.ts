import { describe, expect, it } from 'vitest';
import { checkSeal, parseUnsealed, sealJson } from '../../src/store/checksum.js';

describe('parseUnsealed', () => {
  const record = { type: 'turn', text: 'Wren says, “Not now.” — é', n: [1, 2] };
  const line = sealJson(JSON.stringify(record));
  const bytes = Buffer.from(`x\n${line}\n`, 'utf8');
  const start = 2;
  const end = start + Buffer.byteLength(line);

  it('reads a sealed line as the record that was sealed, and leaves the bytes as they were', () => {
    const before = Buffer.from(bytes);
    expect(checkSeal(bytes, start, end)).toBe('sealed');
    expect(parseUnsealed(bytes, start, end)).toEqual(record);
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

describe('checkSeal', () => {
  const line = Buffer.from(sealJson(JSON.stringify({ type: 'note', at: 1, text: 'x' })), 'utf8');

  it('calls no line sealed once any byte of its checksum or record is changed', () => {
    expect(checkSeal(line, 0, line.length)).toBe('sealed');
    for (let at = 0; at < line.length; at++) {
      for (const to of [0x30, 0x41, 0x46, 0x61, 0x66, 0x7b, 0x2c, 0x22]) {
        if (line[at] === to) continue;
        const changed = Buffer.from(line);
        changed[at] = to;
        expect(checkSeal(changed, 0, changed.length), `byte ${at} -> ${to}`).not.toBe('sealed');
      }
    }
  });

  it('seals text of every UTF-8 width (two, three and four bytes a character) as the bytes written', () => {
    for (const text of ['é ß', '风从北方来', 'a 🐉 dragon', `${'x'.repeat(9000)}—🜂`]) {
      const sealed = Buffer.from(sealJson(JSON.stringify({ type: 'note', at: 1, text })), 'utf8');
      expect(checkSeal(sealed, 0, sealed.length), text.slice(0, 12)).toBe('sealed');
    }
  });

  it('reads the checksum as lower-case hex only, as it is written', () => {
    const upper = Buffer.from(line);
    upper.write(line.toString('latin1', 8, 16).toUpperCase(), 8, 'latin1');
    const expected = /[a-f]/.test(line.toString('latin1', 8, 16)) ? 'mismatch' : 'sealed';
    expect(checkSeal(upper, 0, upper.length)).toBe(expected);
    const inside = Buffer.from(`xx${line.toString('latin1')}yy`, 'latin1');
    expect(checkSeal(inside, 2, inside.length - 2)).toBe('sealed');
  });
});
