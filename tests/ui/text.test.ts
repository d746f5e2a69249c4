import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { characterColor, nameColors } from '../../src/ui/text/colors.js';
import { nameRegex, styleStory } from '../../src/ui/text/segments.js';
import {
  endsOpening,
  endsWithSpace,
  isSpacedWord,
  startsWithSpace,
  trimSpacesEnd,
  wrapSegments,
  wrapText,
} from '../../src/ui/text/wrap.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { escapeRegExp } from '../../src/text/regexp.js';
import { listWorlds, resolveWorld } from '../../src/world/discover.js';

const plain = (lines: ReturnType<typeof wrapText>) => lines.map((l) => l.map((s) => s.text).join(''));

describe('styling', () => {
  it('separates *actions*, "dialogue" and names in their colours', () => {
    const pack = miniPack();
    const names = nameColors(pack);
    const who = pack.characters[0];
    const segs = styleStory(`${who.name} nods. *She sets the lamp down.* "Not tonight," ${who.name} says. 「好」`, names);
    expect(segs.filter((s) => s.kind === 'name').map((s) => s.text)).toEqual([who.name, who.name]);
    expect(segs.find((s) => s.kind === 'action')?.text).toBe('*She sets the lamp down.*');
    expect(segs.filter((s) => s.kind === 'dialogue').map((s) => s.text)).toEqual(['"Not tonight,"', '「好」']);
    expect(segs.find((s) => s.kind === 'name')?.color).toBe(characterColor(who.id, who.color));
  });

  it("finds the names one bounded alternative per name found, in every bundled world's openings", async () => {
    // The regex styleStory used before the spaced names shared one pair of look-arounds.
    const oneEach = (names: { name: string }[]) =>
      new RegExp(
        names
          .map((n) =>
            /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(n.name)
              ? escapeRegExp(n.name)
              : `(?<![\\p{L}\\p{N}])${escapeRegExp(n.name)}(?![\\p{L}\\p{N}])`,
          )
          .join('|'),
        'gu',
      );
    const matches = (text: string, regex: RegExp) => [...text.matchAll(regex)].map((m) => `${m.index}:${m[0]}`);
    const worlds = await listWorlds();
    const packs = await Promise.all(worlds.map(async (w) => (await resolveWorld(w.id)).pack));
    // Each world's cast, and all of them at once (Latin and CJK names mixed, longest first).
    const casts = [...packs.map((p) => nameColors(p)), packs.flatMap((p) => nameColors(p)).sort((a, b) => b.name.length - a.name.length)];
    let found = 0;
    for (const names of casts) {
      const texts = packs.flatMap((p) => p.openings.map((o) => o.text));
      // Names glued to letters, digits and each other, and inside CJK text.
      texts.push(names.map((n) => `${n.name}s x${n.name} ${n.name}2 ${n.name}${n.name} 他${n.name}说 "${n.name}," (${n.name})`).join(' '));
      for (const text of texts) {
        const expected = matches(text, oneEach(names));
        expect(matches(text, nameRegex(names))).toEqual(expected);
        found += expected.length;
      }
    }
    expect(packs.length).toBeGreaterThanOrEqual(4);
    expect(found).toBeGreaterThan(50);
  });

  it('uses the pack colour hint when valid and a stable palette colour otherwise', () => {
    expect(characterColor('x', '#c8a165')).toBe('#c8a165');
    expect(characterColor('wren', 'not a colour')).toBe(characterColor('wren'));
    expect(characterColor('wren')).toBe(characterColor('wren'));
  });
});

describe('wrapping', () => {
  it('never ends a CJK line with an opening mark (the * of an action, a quote) cut from its first character', () => {
    const text = '“古人云，事有终始。”*他用指节轻叩桌面。*“一封信。”';
    for (let width = 8; width <= 30; width++) {
      const wrapped = plain(wrapSegments(styleStory(text, []), width));
      expect(wrapped.some((l) => l.endsWith('“'))).toBe(false);
      expect(wrapped.some((l, i) => l.endsWith('*') && (wrapped[i + 1] ?? '').startsWith('他'))).toBe(false);
      expect(wrapped.join('')).toBe(text);
      expect(wrapped.every((l) => stringWidth(l) <= width)).toBe(true);
    }
  });

  it('never breaks a word that spans two styled runs (an action mark before a coloured name)', () => {
    const names = [{ name: 'Wren', color: '#88aaff' }];
    // "*" is part of the action run and "Wren" a name run: together they are one word.
    const text = 'it shows in every careful word. *Wren counts the sacks.* "Wren?"';
    const lines = plain(wrapSegments(styleStory(text, names), 33));
    expect(lines[0]).toBe('it shows in every careful word.');
    expect(lines[1].startsWith('*Wren')).toBe(true);
    for (const width of [20, 31, 32, 34, 40]) {
      const wrapped = plain(wrapSegments(styleStory(text, names), width));
      expect(wrapped.some((l) => /(^|\s)[*"]$/.test(l))).toBe(false);
      expect(wrapped.join(' ')).toBe(text);
      expect(wrapped.every((l) => stringWidth(l) <= width)).toBe(true);
    }
  });

  it('wraps words to the width and keeps newlines', () => {
    const lines = plain(wrapText('The wheel shudders, slows, stops.\n\nOne note is new.', 12));
    expect(lines).toEqual(['The wheel', 'shudders,', 'slows,', 'stops.', '', 'One note is', 'new.']);
  });

  it('measures CJK as two columns, breaks between characters and never starts a line with a closing mark', () => {
    const text = '门开了。暖气和梅子酒的香味一齐扑出来。大堂里炭盆烧得通红，东墙上一排铁钩挂满刀剑。';
    const lines = plain(wrapText(text, 20));
    for (const line of lines) {
      expect(stringWidth(line)).toBeLessThanOrEqual(20);
      expect(line).not.toMatch(/^[，。、]/);
    }
    expect(lines.join('')).toBe(text);
  });

  it('never starts a line with a closing mark that follows another: the question mark and the quote go down with the character before them', () => {
    // At 39 columns "？" fits and "”" does not: the "？" it carried down started the line.
    const lines = plain(wrapText('云娘凑近了些：“那剑的事，你打算怎么办？”', 39));
    expect(lines).toEqual(['云娘凑近了些：“那剑的事，你打算怎么', '办？”']);
    for (const width of [20, 21, 38, 39, 40]) {
      for (const line of plain(wrapText('“你打算怎么办？”她问。“我不知道……”他说。', width))) expect(line).not.toMatch(/^[，。、？！”…]/);
    }
  });

  it('hard-breaks a word longer than the line', () => {
    const lines = plain(wrapSegments([{ text: 'x'.repeat(25), kind: 'plain' }], 10));
    expect(lines).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});

describe('indentation', () => {
  it('keeps the indentation a line starts with, but not on wrapped lines', () => {
    expect(plain(wrapText('  Ctrl+R   add a candidate to the reply\nnext', 20))).toEqual([
      '  Ctrl+R   add a',
      'candidate to the',
      'reply',
      'next',
    ]);
  });
});

describe("wrapping's character tests", () => {
  // The definitions the quick ASCII answers stand in for.
  const SPACED_WORD = /^[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
  const OPENING = /[*"'“‘「『（《〈【([]$/u;

  it('answer as their regular expressions do for every character of the Basic Multilingual Plane, alone and beside others', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `a${c}`, `${c}a`, ` ${c}`, `${c} `, `${c}\n`, `x ${c}\u00a0 `, `${c}\t \u3000`]) {
        if (startsWithSpace(text) !== /^\s/.test(text)) wrong.push(`startsWithSpace ${code.toString(16)}`);
        if (endsWithSpace(text) !== /\s$/.test(text)) wrong.push(`endsWithSpace ${code.toString(16)}`);
        if (isSpacedWord(text) !== SPACED_WORD.test(text)) wrong.push(`isSpacedWord ${code.toString(16)}`);
        if (endsOpening(text) !== OPENING.test(text)) wrong.push(`endsOpening ${code.toString(16)}`);
        if (trimSpacesEnd(text) !== text.replace(/[^\S\n]+$/, '')) wrong.push(`trimSpacesEnd ${code.toString(16)}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    for (const text of ['', ' ', '\n', 'a \u00a0', 'a\u00a0 ', 'a\n \t', '\u{20000} ', '😀']) {
      expect(trimSpacesEnd(text), JSON.stringify(text)).toBe(text.replace(/[^\S\n]+$/, ''));
      expect(startsWithSpace(text)).toBe(/^\s/.test(text));
      expect(endsWithSpace(text)).toBe(/\s$/.test(text));
      expect(isSpacedWord(text)).toBe(SPACED_WORD.test(text));
      expect(endsOpening(text)).toBe(OPENING.test(text));
    }
  });
});
