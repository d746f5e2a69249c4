import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { displayedText, promptedText, runScript, runScripts, storedInput, storedReply } from '../../../src/engine/regex/scripts.js';
import { regexScriptSchema } from '../../../src/world/schema.js';
import { withPlayerScripts } from '../../../src/engine/regex/order.js';
import type { RegexScript, WorldPack } from '../../../src/world/types.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/st-regex/card.json', import.meta.url), 'utf8')) as {
  data: { extensions: { regex_scripts: unknown[] } };
};
const cardScripts = fixture.data.extensions.regex_scripts.map((s) => regexScriptSchema.parse(s) as RegexScript);
const byName = (name: string) => cardScripts.find((s) => s.scriptName === name)!;

function script(over: Partial<RegexScript>): RegexScript {
  return regexScriptSchema.parse({ findRegex: '/x/g', placement: [2], ...over });
}

function packWith(scripts: RegexScript[]): WorldPack {
  return { characters: [{ name: 'Archivist' }], regexScripts: scripts } as unknown as WorldPack;
}

describe('SillyTavern regex scripts', () => {
  it("strips a status block from the model's reply as stored (a plain AI_OUTPUT script from the card)", () => {
    const pack = packWith(cardScripts);
    const reply = '<status>HP 10/10\nMood: calm</status>\n"Sit down," she says.';
    expect(storedReply(pack, 'Mara')(reply)).toBe('"Sit down," she says.');
    // A plain script changes neither the displayed nor the sent text again: the stored one already is.
    expect(displayedText(pack, 'Mara', 'narrator', reply)).toBe(reply);
    expect(promptedText(pack, 'Mara', 'narrator', reply, 0)).toBe(reply);
  });

  it("rewrites the player's input as stored with a USER_INPUT script and its group ($1), and not on an edit when runOnEdit is off", () => {
    const pack = packWith(cardScripts);
    expect(storedInput(pack, 'Mara', 'I wave.\n!ooc brb')).toBe('I wave.\n(OOC: brb)');
    // The same marker in the reply is left alone: the script's placement is the input only.
    expect(storedReply(pack, 'Mara')('I wave.\n!ooc brb')).toBe('I wave.\n!ooc brb');
    expect(storedInput(pack, 'Mara', 'I wave.\n!ooc brb', true)).toBe('I wave.\n!ooc brb');
  });

  it('a markdownOnly script changes only what is displayed, with {{char}} in its replacement', () => {
    const pack = packWith(cardScripts);
    const reply = 'She closes the ledger.\n<StatusPlaceHolderImpl/>';
    expect(displayedText(pack, 'Mara', 'narrator', reply)).toBe('She closes the ledger.\n[status: Archivist at the desk]');
    expect(storedReply(pack, 'Mara')(reply)).toBe(reply);
    expect(promptedText(pack, 'Mara', 'narrator', reply, 3)).toBe(reply);
  });

  it('a promptOnly script changes only what is sent, at the depths its minDepth allows', () => {
    const pack = packWith(cardScripts);
    const reply = 'She nods.<note>the key is under the mat</note>';
    expect(promptedText(pack, 'Mara', 'narrator', reply, 1)).toBe(reply);
    expect(promptedText(pack, 'Mara', 'narrator', reply, 2)).toBe('She nods.');
    expect(promptedText(pack, 'Mara', 'narrator', reply, 9)).toBe('She nods.');
    expect(storedReply(pack, 'Mara')(reply)).toBe(reply);
    expect(displayedText(pack, 'Mara', 'narrator', reply)).toBe(reply);
    const capped = [script({ findRegex: '/n/g', replaceString: 'N', promptOnly: true, maxDepth: 1 })];
    expect(promptedText(packWith(capped), 'Mara', 'narrator', 'nn', 1)).toBe('NN');
    expect(promptedText(packWith(capped), 'Mara', 'narrator', 'nn', 2)).toBe('nn');
  });

  it('a lookahead pattern from a real script runs (on the step-bounded matcher), as SillyTavern runs it', () => {
    const thinking = byName('ERA hide thinking');
    expect(runScript(thinking, '<variablethink> plan\nmore </variablethink>Hello')).toBe('Hello');
    // Its lookahead asks for something besides blanks inside: an empty block stays.
    expect(runScript(thinking, '<variablethink>  </variablethink>Hello')).toBe('<variablethink>  </variablethink>Hello');
  });

  it('a backreference and a lookbehind run as in JavaScript', () => {
    expect(runScript(script({ findRegex: '/\\b(\\w+) \\1\\b/gi', replaceString: '$1' }), 'the The cat sat sat.')).toBe('the cat sat.');
    expect(runScript(script({ findRegex: '/(?<!\\*)\\*(?!\\*)([^*]+)\\*/g', replaceString: '_$1_' }), '*a* **b**')).toBe('_a_ **b**');
  });

  it('a catastrophic lookahead pattern gives up within its step budget and leaves the text (in JS this call would not return)', () => {
    const s = script({ findRegex: '/(a+)+(?=b)/g', replaceString: 'x' });
    const text = 'a'.repeat(40);
    expect(runScript(s, text)).toBe(text);
  });

  it('without the g flag only the first match is replaced; with it, every one', () => {
    expect(runScript(script({ findRegex: '/a/', replaceString: 'b' }), 'aaa')).toBe('baa');
    expect(runScript(script({ findRegex: '/a/g', replaceString: 'b' }), 'aaa')).toBe('bbb');
    // A bare pattern is a pattern with no flags, as SillyTavern reads it.
    expect(runScript(script({ findRegex: 'a', replaceString: 'b' }), 'aaa')).toBe('baa');
  });

  it('fills {{match}}, $0, named groups, leaves an unmatched group empty, and removes trim strings from groups', () => {
    const s = script({ findRegex: '/<b>(?<word>\\w+)<\\/b>(!)?/g', replaceString: '[{{match}}|$<word>|$2]', trimStrings: ['o'] });
    expect(runScript(s, 'x <b>foo</b> y')).toBe('x [<b>f</b>|f|] y');
  });

  it("runs in order, each script on the last one's output; a disabled one does not run", () => {
    const scripts = [script({ findRegex: '/a/g', replaceString: 'b' }), script({ findRegex: '/b/g', replaceString: 'c' })];
    expect(runScripts(scripts, 'a', { placement: 2, target: 'store' })).toBe('c');
    expect(runScripts([{ ...scripts[0], disabled: true }, scripts[1]], 'a', { placement: 2, target: 'store' })).toBe('a');
  });

  it('substitutes {{user}} into the pattern when substituteRegex asks, escaped with 2', () => {
    const raw = script({ findRegex: '/{{user}}/g', replaceString: 'you', substituteRegex: 1, placement: [2] });
    expect(runScripts([raw], 'Mara waits.', { placement: 2, target: 'store', names: { char: 'A', user: 'Mara' } })).toBe('you waits.');
    const escaped = script({ findRegex: '/{{user}}/g', replaceString: 'you', substituteRegex: 2 });
    expect(runScripts([escaped], 'axb a.b', { placement: 2, target: 'store', names: { char: 'A', user: 'a.b' } })).toBe('axb you');
  });

  it('fills $& with the whole match', () => {
    expect(runScript(script({ findRegex: '/\\d+/g', replaceString: '[$&]' }), 'a 12 b 3')).toBe('a [12] b [3]');
  });

  it('expands any macro in the pattern with substituteRegex 1 (raw) and 2 (escaped), and in trim strings', () => {
    const names = { char: 'Archivist', user: 'Mara' };
    const run = (over: Partial<RegexScript>, text: string) => runScripts([script(over)], text, { placement: 2, target: 'store', names });
    // {{newline}} is neither {{char}} nor {{user}}: raw, the pattern holds a line break.
    expect(run({ findRegex: '/a{{newline}}b/g', replaceString: '-', substituteRegex: 1 }, 'a\nb ab')).toBe('- ab');
    // Escaped, the same macro reads as the escape \n, which still means a line break.
    expect(run({ findRegex: '/a{{newline}}b/g', replaceString: '-', substituteRegex: 2 }, 'a\nb ab')).toBe('- ab');
    // Without substituteRegex the braces stay in the pattern: nothing matches.
    expect(run({ findRegex: '/{{char}}/g', replaceString: '-' }, 'Archivist')).toBe('Archivist');
    expect(run({ findRegex: '/<b>(.*?)<\\/b>/g', replaceString: '$1', trimStrings: ['{{char}} '] }, '<b>Archivist waits</b>')).toBe(
      'waits',
    );
  });

  it('a script on a catastrophic pattern runs on the bounded engine (in JS this call would not return)', () => {
    const s = script({ findRegex: '/(a+)+$/g', replaceString: '' });
    const text = `${'a'.repeat(20_000)}!`;
    expect(runScript(s, text)).toBe(text);
  });

  it('keeps control characters a replacement brings out of the stored text', () => {
    const s = script({ findRegex: '/x/g', replaceString: '\u001b[31mred' });
    expect(runScripts([s], 'x', { placement: 2, target: 'store' })).toBe('red');
  });
});

describe("the player's scripts before the card's", () => {
  it("runs global, then preset, then the card's scripts, each on the text the one before left (SillyTavern's SCRIPT_TYPES order)", () => {
    const card = packWith([script({ scriptName: 'card', findRegex: '/gamma/g', replaceString: 'delta' })]);
    const global = [script({ scriptName: 'global', findRegex: '/alpha/g', replaceString: 'beta' })];
    const preset = [script({ scriptName: 'preset', findRegex: '/beta/g', replaceString: 'gamma' })];
    const pack = withPlayerScripts(card, global, preset);
    expect(pack.regexScripts?.map((s) => s.scriptName)).toEqual(['global', 'preset', 'card']);
    expect(storedReply(pack, 'Mara')('alpha')).toBe('delta');
    // No scripts of the player's: the pack itself, unchanged.
    expect(withPlayerScripts(card, [], [])).toBe(card);
  });
});

describe('flags inside a group in a script pattern', () => {
  it('runs (?i:...) with a lookahead on the bounded matcher, the case switched only inside the group', () => {
    const pack = packWith([script({ findRegex: '/(?i:\\[ooc:)[^\\]]*\\](?=\\s*$)/g', replaceString: '' })]);
    expect(storedReply(pack, 'Mara')('She waits. [OOC: brb]')).toBe('She waits.');
    expect(storedReply(pack, 'Mara')('She waits. [ooc: brb] more')).toBe('She waits. [ooc: brb] more');
    // Only the case of the group is switched: the pattern's other atoms keep theirs.
    const strict = packWith([script({ findRegex: '/(?i:ab)C(?=!)/g', replaceString: 'x' })]);
    expect(storedReply(strict, 'Mara')('ABC! abc!')).toBe('x! abc!');
  });
});
