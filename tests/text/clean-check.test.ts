import { describe, expect, it } from 'vitest';
import { cleaningMayChange, jsonCleaningMayChange, utf8Controls } from '../../src/text/clean-check.js';
import { mayRedact, redactSecrets, registerSecret } from '../../src/text/redact.js';
import { hasControl, neutralize } from '../../src/text/sanitize.js';
import { inputRandom, type Random } from '../hardening/mutate.js';

const clean = (text: string) => neutralize(redactSecrets(text));
const jsonCheck = (json: string) => jsonCleaningMayChange(json, Buffer.from(json));

// Pieces a text is made of: plain prose, typographic and other non-ASCII text, every kind of
// control character neutralize removes, and the hints and shapes of keys, in several cases.
const PIECES = [
  'The lamp gutters. ',
  'café “quoted” — naïve… ',
  '狐 🦊 ',
  '\n',
  '\t',
  '\r\n',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u001b]0;title\u0007',
  '\u007f',
  '\u0085',
  '\u009b2J',
  '\u009d8;;x\u009c',
  '\u00a0',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\ud800',
  'sk-abcdefgh1234',
  'SK-abc',
  'Bearer abcdefgh',
  'bEaReR',
  'bear er',
  'api_key=abcdef12',
  'API-KEY',
  'apikey',
  'access_token=zzzzzzz',
  'AccessToken',
  'https://user:pass@host/',
  'http://host/',
  ':/ /',
  '"',
  '\\',
];

function text(random: Random): string {
  const n = 1 + Math.floor(random() * 6);
  return Array.from({ length: n }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
}

describe('cleaningMayChange', () => {
  it('says "unchanged" only for texts cleaning leaves alone, and catches every text it would change: 5,000 texts', () => {
    let unchanged = 0;
    for (let i = 0; i < 5_000; i++) {
      const t = text(inputRandom(41, i));
      const changes = clean(t) !== t;
      if (changes) expect(cleaningMayChange(t), `case ${i}: ${JSON.stringify(t)}`).toBe(true);
      if (!cleaningMayChange(t)) {
        unchanged++;
        expect(clean(t), `case ${i}`).toBe(t);
      }
    }
    // The quick answer is useful: plain and non-ASCII prose is not sent to the full clean.
    expect(unchanged).toBeGreaterThan(200);
  });

  it('finds each kind of character or key shape cleaning acts on', () => {
    for (const t of [
      'a\u007fb',
      'a\u009bb',
      'a\u202eb',
      'a\u2066b',
      'a\u0007b',
      'a\rb',
      'x sk-abcdefgh1 y',
      'Bearer abcdefgh',
      'API_KEY=abcdefg',
      'ftp://u:p@h',
    ])
      expect(cleaningMayChange(t), JSON.stringify(t)).toBe(true);
    for (const t of ['Plain words.\n\tIndented.', 'café “quoted” — naïve…', '狐 🦊', ''])
      expect(cleaningMayChange(t), JSON.stringify(t)).toBe(false);
  });
});

describe('mayRedact, the case-sensitive hints (`sk-`, `://`), found from their second character', () => {
  // Heads and tails of the hints apart, next to each other and whole, in runs long enough to pass
  // the misses after which the search hands the rest of the text to `includes`.
  const BITS = ['k-', 'k', '-', 's', 'sk', 'ok-', '//', ':/', ':', 'a//', 'sk-', '://', ' ', 'word '];

  it('says what `includes` says of every text: 3,000 texts, some with hundreds of decoys before or after a hint', () => {
    let found = 0;
    for (let i = 0; i < 3_000; i++) {
      const random = inputRandom(47, i);
      const parts: string[] = [];
      for (let n = Math.floor(random() * (i % 3 === 0 ? 400 : 12)); n > 0; n--) {
        const bit = BITS[Math.floor(random() * BITS.length)];
        // Mostly decoys: a whole hint in about one text in three.
        parts.push(bit === 'sk-' || bit === '://' ? (random() < 0.02 ? bit : 'ok-') : bit);
      }
      const t = parts.join('');
      const expected = t.includes('sk-') || t.includes('://');
      if (expected) found++;
      expect(mayRedact(t), `case ${i}: ${JSON.stringify(t.slice(0, 80))}`).toBe(expected);
    }
    expect(found).toBeGreaterThan(100);
    expect(found).toBeLessThan(2_900);
  });

  it('finds a hint at the very start and the very end, and after more decoys than the search tries', () => {
    const decoys = 'ok- a// '.repeat(200);
    for (const t of ['sk-x', 'x sk-', '://x', 'x://', `${decoys}sk-`, `${decoys}://`, `sk-${decoys}`, `${decoys}x${'k-'.repeat(100)}sk-`])
      expect(mayRedact(t), JSON.stringify(t.slice(-40))).toBe(true);
    for (const t of ['k-', '-sk', decoys, `${decoys}s k-`, ':/ /']) expect(mayRedact(t), JSON.stringify(t.slice(-40))).toBe(false);
  });
});

describe('utf8Controls: DEL, C1 and bidi controls found in UTF-8 bytes from their rarest byte', () => {
  // Every character whose UTF-8 shares a byte with a control's (C2, 80, 81, A6-AE), the controls
  // themselves, and the typographic and accented characters prose is full of.
  const near: string[] = [];
  for (let c = 0x7e; c <= 0x100; c++) near.push(String.fromCharCode(c));
  for (let c = 0x2000; c <= 0x2080; c++) near.push(String.fromCharCode(c));
  for (const c of [
    0x0141, 0x0401, 0x0441, 0x102a, 0x1066, 0x3041, 0x302a, 0x302e, 0x3066, 0x3069, 0x30a9, 0xa9ae, 0xe0aa, 0xf02a, 0x1002a, 0x1f02a,
  ])
    near.push(String.fromCodePoint(c));
  const prose = ['’', '“', '”', '—', '…', 'é', 'í', ' the ', '狐', '🦊'];

  it('says what the regex says of the JSON text, for 4,000 texts of those characters', () => {
    let answered = 0;
    for (let i = 0; i < 4_000; i++) {
      const random = inputRandom(53, i);
      const parts: string[] = [];
      for (let n = 1 + Math.floor(random() * 30); n > 0; n--)
        parts.push(random() < 0.1 ? near[Math.floor(random() * near.length)] : prose[Math.floor(random() * prose.length)]);
      const json = JSON.stringify(parts.join(''));
      const answer = utf8Controls(Buffer.from(json));
      if (answer === undefined) continue;
      answered++;
      expect(answer, `case ${i}: ${json}`).toBe(hasControl(json));
    }
    expect(answered).toBeGreaterThan(3_900);
  });

  it('leaves a text full of one of the bytes it scans for (í is C3 AD) to the regex, and still finds what is there', () => {
    const accented = 'sí, aquí '.repeat(400);
    expect(utf8Controls(Buffer.from(accented))).toBeUndefined();
    expect(jsonCleaningMayChange(accented, Buffer.from(accented))).toBe(false);
    expect(jsonCleaningMayChange(`${accented}\u2067`, Buffer.from(`${accented}\u2067`))).toBe(true);
    expect(utf8Controls(Buffer.from(`${'’'.repeat(5_000)}\u202e`))).toBe(true);
    expect(utf8Controls(Buffer.from(`\u0085${'“quoted”'.repeat(2_000)}`))).toBe(true);
    expect(utf8Controls(Buffer.from('“quoted” — then… ’'.repeat(2_000)))).toBe(false);
  });
});

describe('jsonCleaningMayChange (text JSON.stringify wrote, with its bytes)', () => {
  it('agrees with cleaning the JSON text: 5,000 texts, as a string and inside an indented object', () => {
    let unchanged = 0;
    for (let i = 0; i < 5_000; i++) {
      const t = text(inputRandom(43, i));
      for (const json of [JSON.stringify(t), JSON.stringify({ turns: [{ input: t, reply: t }] }, null, 2)]) {
        const changes = clean(json) !== json;
        if (changes) expect(jsonCheck(json), `case ${i}: ${json}`).toBe(true);
        if (!jsonCheck(json)) {
          unchanged++;
          expect(clean(json), `case ${i}`).toBe(json);
        }
      }
    }
    expect(unchanged).toBeGreaterThan(400);
  });

  it('finds DEL in all-ASCII JSON, and C1 and bidi controls in JSON that is not', () => {
    expect(jsonCheck(JSON.stringify('a\u007fb'))).toBe(true);
    expect(jsonCheck(JSON.stringify('a\u009b31mb'))).toBe(true);
    expect(jsonCheck(JSON.stringify('a\u202eb'))).toBe(true);
    expect(jsonCheck(JSON.stringify('Bearer abcdefgh'))).toBe(true);
    // C0 controls are escaped by JSON.stringify: nothing raw is left to neutralise.
    expect(jsonCheck(JSON.stringify('a\u001b[31mb\r\n'))).toBe(false);
    expect(jsonCheck(JSON.stringify({ text: 'café “quoted”' }, null, 2))).toBe(false);
  });
});

// Last in the file: a registered key stays registered for the rest of the process.
describe('with a registered key', () => {
  it('texts holding it may change; others are still answered quickly', () => {
    registerSecret('zz-private-key-42');
    expect(cleaningMayChange('the key is zz-private-key-42 here')).toBe(true);
    expect(jsonCheck(JSON.stringify({ key: 'zz-private-key-42' }))).toBe(true);
    expect(cleaningMayChange('plain words')).toBe(false);
    expect(clean('the key is zz-private-key-42 here')).toBe('the key is [redacted] here');
  });
});
