import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { humanDuration, resolveMacros, unknownMacros } from '../../src/engine/macros.js';
import { noVariables } from '../../src/engine/variables.js';
import { MemorySessionStore } from '../../src/engine/session/records.js';
import { Session } from '../../src/engine/session/session.js';
import { validatePack } from '../../src/world/validate.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { collect, newSession } from './session/helpers.js';
import { scriptedProvider } from './session/scripted-provider.js';
import { cpuStopwatch } from '../support/cpu-time.js';
import { ST_PRESETS } from '../providers/instruct/fixtures.js';

const names = { user: 'Mara', char: 'Wren' };
// A fixed local instant: 2026-03-04 (a Wednesday), 15:07 in the machine's own time zone.
const at = new Date(2026, 2, 4, 15, 7).getTime();

describe('card macros', () => {
  it('names the player and the character, in any case and spacing, and in old cards', () => {
    expect(resolveMacros('{{user}} meets {{ Char }}; <USER> and <BOT>.', names)).toBe('Mara meets Wren; Mara and Wren.');
  });

  it('random takes both forms and draws from the seed and turn, reproducibly', () => {
    const text = '{{random::red, dark::blue::green}} / {{random:one,two,three\\,four}}';
    const first = resolveMacros(text, { ...names, seed: 5, turn: 3 });
    expect(first).toMatch(/^(red, dark|blue|green) \/ (one|two|three,four)$/);
    expect(resolveMacros(text, { ...names, seed: 5, turn: 3 })).toBe(first);
    // Over many turns every option comes up: it is a draw, not the first item.
    const seen = new Set(Array.from({ length: 60 }, (_, turn) => resolveMacros('{{random::a::b::c}}', { ...names, seed: 5, turn })));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it("random keeps its options as written in the '::' form, as SillyTavern's randomReplace splits them (public/scripts/macros.js)", () => {
    // SillyTavern/SillyTavern public/scripts/macros.js @ 01d38f92: /{{random\s?::?([^}]+)}}/ then
    // listString.split('::') untrimmed; only the comma form trims its items.
    const options = new Set(Array.from({ length: 40 }, (_, turn) => resolveMacros('[{{random::a:: b }}]', { ...names, seed: 1, turn })));
    expect([...options].sort()).toEqual(['[ b ]', '[a]']);
    // One '::' and no second: the rest is a comma list, trimmed, as there.
    const commas = new Set(Array.from({ length: 40 }, (_, turn) => resolveMacros('{{random::x, y}}', { ...names, seed: 1, turn })));
    expect([...commas].sort()).toEqual(['x', 'y']);
    const picks = new Set(Array.from({ length: 40 }, (_, seed) => resolveMacros('{{pick::north ::south}}', { ...names, seed })));
    expect([...picks].sort()).toEqual(['north ', 'south']);
  });

  it('pick stays the same for a story whatever the turn, and differs between stories', () => {
    const picks = new Set(
      Array.from({ length: 20 }, (_, turn) => resolveMacros('{{pick::north::south::east::west}}', { ...names, seed: 9, turn })),
    );
    expect(picks.size).toBe(1);
    const acrossStories = new Set(
      Array.from({ length: 40 }, (_, seed) => resolveMacros('{{pick::north::south::east::west}}', { ...names, seed, turn: 1 })),
    );
    expect(acrossStories.size).toBeGreaterThan(1);
  });

  it('roll throws dice within their range, with a modifier; a bad formula is left as written', () => {
    for (let turn = 0; turn < 50; turn++) {
      const d6 = Number(resolveMacros('{{roll:d6}}', { ...names, seed: 1, turn }));
      expect(d6).toBeGreaterThanOrEqual(1);
      expect(d6).toBeLessThanOrEqual(6);
      const sum = Number(resolveMacros('{{roll 2d6+3}}', { ...names, seed: 1, turn }));
      expect(sum).toBeGreaterThanOrEqual(5);
      expect(sum).toBeLessThanOrEqual(15);
    }
    expect(resolveMacros('{{roll:many}}', names)).toBe('{{roll:many}}');
  });

  it('time, date and weekday read the given clock, and are left as written without one', () => {
    expect(resolveMacros('{{time}}, {{weekday}} {{date}} ({{isodate}} {{isotime}})', { ...names, now: at })).toBe(
      '3:07 PM, Wednesday March 4, 2026 (2026-03-04 15:07)',
    );
    expect(resolveMacros('{{time}}', names)).toBe('{{time}}');
  });

  it('idle_duration, lastMessage, newline, trim, noop and comments', () => {
    expect(resolveMacros('{{idle_duration}}', names)).toBe('just now');
    expect(resolveMacros('{{idle_duration}}', { ...names, idleMs: 5 * 60_000 })).toBe('5 minutes');
    expect(resolveMacros('You said: {{lastMessage}}', { ...names, lastMessage: 'I knock.' })).toBe('You said: I knock.');
    expect(resolveMacros("a{{newline}}b{{noop}}{{// the author's note to self}}c", names)).toBe('a\nbc');
    expect(resolveMacros('first\n\n{{trim}}\nsecond', names)).toBe('firstsecond');
  });

  it("SillyTavern's layout and text macros: space, newline and their counts, reverse, isMobile", () => {
    expect(resolveMacros('a{{space}}b{{space::3}}c{{newline::2}}d', names)).toBe('a b   c\n\nd');
    expect(resolveMacros('{{reverse::I am Lana}} / {{reverse:abc}}', names)).toBe('anaL ma I / cba');
    // A terminal is no phone; a card that asks gets a plain answer.
    expect(resolveMacros('{{isMobile}}', names)).toBe('false');
    // A count that is no number is left as written, and a flood is capped.
    expect(resolveMacros('{{space::many}}', names)).toBe('{{space::many}}');
    expect(resolveMacros('{{newline::999}}', names)).toBe('\n'.repeat(100));
  });

  it('time at a UTC offset (both spellings) and datetimeformat with moment tokens; without a clock, as written', () => {
    const utc = Date.UTC(2026, 2, 4, 22, 30);
    expect(resolveMacros('{{time_UTC+2}} / {{time_UTC-5}} / {{time::UTC+9}}', { ...names, now: utc })).toBe('12:30 AM / 5:30 PM / 7:30 AM');
    expect(resolveMacros('{{datetimeformat DD.MM.YYYY HH:mm}} {{datetimeformat dddd, MMMM Do [at] h A}}', { ...names, now: at })).toBe(
      '04.03.2026 15:07 Wednesday, March 4th at 3 PM',
    );
    expect(resolveMacros('{{time_UTC+2}} {{datetimeformat YYYY}}', names)).toBe('{{time_UTC+2}} {{datetimeformat YYYY}}');
    expect(unknownMacros('{{time_UTC+2}} {{datetimeformat YYYY}} {{time_UTC}}')).toEqual(['{{time_UTC}}']);
  });

  it("the story's messages and limits: lastUserMessage, lastCharMessage, lastMessageId, maxPrompt, model", () => {
    const ctx = {
      ...names,
      lastUserMessage: 'I knock.',
      lastCharMessage: 'The door opens.',
      lastMessageId: 4,
      maxPrompt: 7000,
      model: 'm-1',
    };
    expect(resolveMacros('{{lastUserMessage}}|{{lastCharMessage}}|{{lastMessageId}}|{{maxPrompt}}|{{model}}', ctx)).toBe(
      'I knock.|The door opens.|4|7000|m-1',
    );
  });

  it("variables as SillyTavern's variables.js: set and add write nothing, inc and dec the new value, get the value or nothing", () => {
    const vars = noVariables();
    const text =
      '{{setvar::mood::wary}}{{getvar::mood}}|{{incvar::knocks}}{{incvar::knocks}}{{decvar::knocks}}|{{addvar::knocks::10}}{{getvar::knocks}}|{{addvar::mood:: and cold}}{{getvar::mood}}|[{{getvar::unset}}]';
    expect(resolveMacros(text, { ...names, vars })).toBe('wary|121|11|wary and cold|[]');
    // Global ones are apart; what a text sets stays in the state it was given.
    expect(resolveMacros('{{setglobalvar::mood::bright}}{{getglobalvar::mood}}/{{getvar::mood}}', { ...names, vars })).toBe(
      'bright/wary and cold',
    );
    expect(vars.local.get('knocks')).toBe('11');
    // Without a state a text starts from none, and keeps what it sets to itself.
    expect(resolveMacros('{{setvar::a::1}}{{getvar::a}}', names)).toBe('1');
    expect(resolveMacros('[{{getvar::a}}]', names)).toBe('[]');
    // Names an object would answer for are plain names; a set without a value is left as written.
    expect(resolveMacros('[{{getvar::constructor}}{{getvar::__proto__}}]{{setvar::x}}', { ...names, vars })).toBe('[]{{setvar::x}}');
  });

  it.skipIf(!ST_PRESETS)("{{group}} and {{lastChatMessage}} as SillyTavern's own chat-completion preset writes them", () => {
    const preset = JSON.parse(readFileSync(join(ST_PRESETS!, 'openai', 'Default.json'), 'utf8')) as Record<string, string>;
    const ctx = { ...names, group: ['Wren', 'Ash'], lastMessage: 'The lamp gutters.' };
    expect(resolveMacros(preset.new_group_chat_prompt, ctx)).toBe('[Start a new group chat. Group members: Wren, Ash]');
    expect(resolveMacros(preset.continue_nudge_prompt, ctx)).toMatch(/: The lamp gutters\.\]$/);
    expect(resolveMacros('{{charIfNotGroup}} / {{notChar}}', ctx)).toBe('Wren, Ash / Mara, Ash');
    // Without the scene's names (a text read outside a prompt) they stay as written.
    expect(resolveMacros('{{group}}', names)).toBe('{{group}}');
  });

  it("resolves a macro inside another's arguments first, as SillyTavern's macro engine does; what a macro writes is not read again", () => {
    const vars = noVariables();
    vars.local.set('Mara_hp', '12');
    vars.local.set('note', '{{user}}');
    const c = { ...names, vars };
    expect(resolveMacros('HP: {{getvar::{{user}}_hp}}', c)).toBe('HP: 12');
    expect(resolveMacros('{{setvar::{{char}}_mood::{{reverse::mlac}}}}{{getvar::Wren_mood}}', c)).toBe('calm');
    expect(resolveMacros('<USER> {{addvar::{{user}}_hp::{{getvar::{{user}}_hp}}}}{{getvar::Mara_hp}}', c)).toBe('Mara 24');
    // A value holding a macro is text: SillyTavern does not expand what a macro returned.
    expect(resolveMacros('{{getvar::note}} / {{getvar::{{noop}}note}}', c)).toBe('{{user}} / {{user}}');
    // Unknown hosts and unclosed braces stay as written, their known insides expanded.
    expect(resolveMacros('{{persona::{{user}}}} {{ {{char}}', c)).toBe('{{persona::Mara}} {{ Wren');
  });

  it('nested hostile text stays linear and is left as written past a depth no card reaches', () => {
    const hostile = '{{getvar::'.repeat(20_000) + '}}'.repeat(20_000);
    const cpu = cpuStopwatch();
    expect(resolveMacros(hostile, names).length).toBeGreaterThan(0);
    expect(cpu()).toBeLessThan(2_000);
  });

  it("input is the player's line of the turn, timeDiff the distance between two dates in words, banned leaves nothing", () => {
    expect(resolveMacros('You said: {{input}}', { ...names, input: 'I knock.' })).toBe('You said: I knock.');
    expect(resolveMacros('{{input}}', names)).toBe('{{input}}');
    expect(resolveMacros('{{timeDiff::2026-03-04::2026-03-01}} / {{timeDiff::2026-01-01T10:00::2026-01-01T13:00}}', names)).toBe(
      '3 days / 3 hours',
    );
    // As SillyTavern's timeDiffReplace, whose arguments may be the clock macros: expanded first.
    expect(resolveMacros('{{timeDiff::{{isodate}}::2026-02-25}}', { ...names, now: at })).toBe('7 days');
    expect(resolveMacros('{{timeDiff::someday::2026-01-01}}', names)).toBe('{{timeDiff::someday::2026-01-01}}');
    expect(resolveMacros('Speak plainly.{{banned "delve"}}{{banned::tapestry}}', names)).toBe('Speak plainly.');
  });

  it("{{if}} as SillyTavern's macro engine has it (core-macros.js): scoped with {{else}}, inline, inverted, on a variable or a macro's name; only the chosen branch is expanded", () => {
    const vars = noVariables();
    vars.local.set('met', 'yes');
    vars.local.set('gold', '0');
    const c = { ...names, vars, lastUserMessage: 'I knock.' };
    expect(resolveMacros('{{if .met}}You know {{char}}.{{else}}A stranger.{{/if}}', c)).toBe('You know Wren.');
    expect(resolveMacros('{{if .gold}}Rich.{{else}}Poor.{{/if}} {{if !.gold}}Broke{{/if}}', c)).toBe('Poor. Broke');
    expect(resolveMacros('{{if {{getvar::met}}::Hello again.}}|{{if .nobody::never}}|', c)).toBe('Hello again.||');
    // A macro's bare name reads the macro; nested blocks pair with their own {{/if}} and {{else}}.
    expect(resolveMacros('{{if lastUserMessage}}\n  {{if .gold}}a{{else}}b{{/if}}\n{{else}}c{{/if}}', c)).toBe('b');
    expect(resolveMacros('{{#if .met}} kept {{/if}}|', c)).toBe(' kept |');
    // The branch not taken sets nothing; the one taken does, and the text after it reads it.
    expect(resolveMacros('{{if .gold}}{{setvar::mood::rich}}{{else}}{{setvar::mood::poor}}{{/if}}Mood: {{getvar::mood}}', c)).toBe(
      'Mood: poor',
    );
    expect(vars.local.get('mood')).toBe('poor');
    // Without its {{/if}}, an {{if}} is left as written.
    expect(resolveMacros('{{if .met}}open {{user}}', c)).toBe('{{if .met}}open Mara');
  });

  it('{{if}} blocks in hostile numbers stay linear', () => {
    const cpu = cpuStopwatch();
    expect(resolveMacros('{{if a}}'.repeat(20_000), names)).toBe('{{if a}}'.repeat(20_000));
    expect(resolveMacros('{{if a}}'.repeat(10_000) + 'x' + '{{/if}}'.repeat(10_000), names)).toContain('x');
    expect(resolveMacros('{{if a}}x{{/if}}'.repeat(10_000), names)).toBe('x'.repeat(10_000));
    expect(cpu()).toBeLessThan(3_000);
  });

  it('leaves unknown macros as written and names them', () => {
    expect(resolveMacros('{{persona}} and {{chr}} and {{model}}', names)).toBe('{{persona}} and {{chr}} and {{model}}');
    expect(unknownMacros('{{user}} {{persona}} {{random::a::b}} {{chr}} {{// fine}}')).toEqual(['{{persona}}', '{{chr}}']);
  });

  it('scans hostile text in linear time', () => {
    const hostile = '{{random::'.repeat(20_000);
    const cpu = cpuStopwatch();
    expect(resolveMacros(hostile, names)).toBe(hostile);
    // Generous: a quadratic scan of 200 KB takes tens of seconds.
    expect(cpu()).toBeLessThan(2_000);
  });

  it('humanises durations as the cards expect', () => {
    expect([30_000, 80_000, 3 * 3_600_000, 30 * 3_600_000, 5 * 86_400_000].map(humanDuration)).toEqual([
      'a few seconds',
      'a minute',
      '3 hours',
      'a day',
      '5 days',
    ]);
  });
});

describe('macros in play', () => {
  it('reach the model expanded, the same for the same seed, and the opening reads them from the start time', async () => {
    const pack = miniPack();
    pack.openings = pack.openings.map((o, i) => (i === 0 ? { ...o, text: `${o.text} The die shows {{roll:d20}}. It is {{weekday}}.` } : o));
    pack.setting = `${pack.setting} The lamp of the day is {{pick::amber::violet::white}}.`;
    const prompts: string[] = [];
    for (let run = 0; run < 2; run++) {
      const provider = scriptedProvider();
      const { session } = await newSession({ pack, provider, seed: 42 });
      expect(session.openingText).toMatch(/The die shows \d+\. It is (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\./);
      await collect(session.play({ text: 'I look at {{char}}.' }));
      const request = provider.requests[0].candidates[0].messages.map((m) => m.content).join('\n');
      expect(request).not.toContain('{{');
      expect(request).toMatch(/The lamp of the day is (amber|violet|white)\./);
      expect(request).toContain(session.openingText);
      prompts.push(request);
    }
    expect(prompts[1]).toBe(prompts[0]);
  });

  it("fill the story's last messages, its last message's number, the prompt's room and the model from the session", async () => {
    const pack = miniPack();
    pack.style = {
      ...pack.style,
      postHistoryInstructions:
        'Last from {{user}}: {{lastUserMessage}} | last reply: {{lastCharMessage}} | #{{lastMessageId}} | room {{maxPrompt}} | {{model}} | {{group}}',
    };
    const provider = { ...scriptedProvider({ text: (turn) => `Reply ${turn}. Wren nods.` }), model: 'story-model-7b' };
    const { session } = await newSession({ pack, provider, seed: 3 });
    await collect(session.play({ text: 'I knock.' }));
    await collect(session.play({ text: 'I wait.' }));
    const messages = provider.requests[1].candidates[0].messages;
    const note = messages.find((m) => m.content.startsWith('Last from'))!.content;
    // The opening is message 0: the first input 1, its reply 2, the new input 3.
    expect(note).toMatch(/^Last from \S+: I wait\. \| last reply: Reply 1\. Wren nods\. \| #3 \| room \d+ \| story-model-7b \| Wren Alder/);
  });

  it("keep the story's variables in its messages: set once along the branch, read where asked, the same for another reply", async () => {
    const pack = miniPack();
    pack.openings = pack.openings.map((o) => ({ ...o, text: `{{setvar::mood::wary}}${o.text}` }));
    pack.style = { ...pack.style, postHistoryInstructions: 'Wren feels {{getvar::mood}}; knocks so far: {{getvar::knocks}}.' };
    const provider = scriptedProvider({ text: (turn) => (turn === 1 ? 'Wren opens the door.{{setvar::mood::warm}}' : `Reply ${turn}.`) });
    const { session, store, deps } = await newSession({ pack, provider, seed: 3 });
    expect(session.openingText).not.toContain('{{');
    const note = (request: number) =>
      provider.requests[request].candidates[0].messages.find((m) => m.content.startsWith('Wren feels'))!.content;
    await collect(session.play({ text: '{{incvar::knocks}}I knock.' }));
    expect(note(0)).toBe('Wren feels wary; knocks so far: 1.');
    await collect(session.play({ text: '{{incvar::knocks}}I knock again.' }));
    expect(note(1)).toBe('Wren feels warm; knocks so far: 2.');
    // The reply's own text reaches the model without its macro; the player's line without its own.
    const sent = provider.requests[1].candidates[0].messages.map((m) => m.content).join('\n');
    expect(sent).toContain('Wren opens the door.');
    expect(sent).toContain('I knock again.');
    expect(sent).not.toMatch(/\{\{\w*var/);
    // Another reply at turn 2 starts from what the first saw: the knock is not counted twice.
    await collect(session.regenerate());
    expect(note(2)).toBe('Wren feels warm; knocks so far: 2.');
    // The log is all there is: a story restored from it plays on with the same variables.
    const resumed = await Session.restore(store.records, { ...deps, store: new MemorySessionStore() });
    await collect(resumed.play({ text: '{{incvar::knocks}}Once more.' }));
    expect(note(3)).toBe('Wren feels warm; knocks so far: 3.');
  });

  it("keep what the system prompt, lore and author's note set, as SillyTavern's chat keeps it: once a turn, along the branch, not again for another reply", async () => {
    const pack = miniPack();
    pack.style = {
      ...pack.style,
      systemPrompt: '{{addvar::turns::1}}This is turn {{getvar::turns}} of the story.',
      postHistoryInstructions: 'Turns {{getvar::turns}}; met {{getvar::met}}; notes {{getvar::notes}}; knocks {{getvar::knocks}}.',
    };
    // An always-active entry, its variable's value a nested macro.
    pack.lore = pack.lore.map((e) => (e.id === 'river-custom' ? { ...e, text: `${e.text}{{setvar::met::{{char}}}}` } : e));
    const provider = scriptedProvider({ text: (turn) => `Reply ${turn}.{{incvar::knocks}}` });
    // Three variants a turn: three prompts built, the changes made once.
    const { session, store, deps } = await newSession({ pack, provider, seed: 5 });
    await session.setAuthorsNote({ text: 'Note {{incvar::notes}}.', depth: 1, every: 1 });
    const sent = (request: number) => provider.requests[request].candidates[0].messages.map((m) => m.content).join('\n');
    const after = (request: number) => /Turns .*\./.exec(sent(request))?.[0];
    await collect(session.play({ text: 'I knock.' }));
    expect(sent(0)).toContain('This is turn 1 of the story.');
    expect(sent(0)).toContain('Note 1.');
    expect(after(0)).toBe('Turns 1; met Wren Alder; notes 1; knocks .');
    await collect(session.play({ text: 'I wait.' }));
    expect(sent(1)).toContain('This is turn 2 of the story.');
    expect(after(1)).toBe('Turns 2; met Wren Alder; notes 2; knocks 1.');
    expect(
      provider.requests[1].candidates.every((c) =>
        c.messages
          .map((m) => m.content)
          .join('\n')
          .includes('Turns 2;'),
      ),
    ).toBe(true);
    // Another reply at turn 2 starts where the first did: the prompt's changes are not made twice.
    await collect(session.regenerate());
    expect(after(2)).toBe('Turns 2; met Wren Alder; notes 2; knocks 1.');
    // They are in the log, with the turn: a restored story plays on from them.
    const resumed = await Session.restore(store.records, { ...deps, store: new MemorySessionStore() });
    await collect(resumed.play({ text: 'Once more.' }));
    expect(after(3)).toBe('Turns 3; met Wren Alder; notes 3; knocks 2.');
    expect(sent(3)).toContain('This is turn 3 of the story.');
  });

  it('worlds validate warns of a macro nothing expands, with its path', () => {
    const pack = miniPack();
    const raw = JSON.parse(JSON.stringify({ ...pack, setting: `${pack.setting} Ask {{persona}}.` }));
    const { problems } = validatePack(raw, 'pack.yaml');
    const warning = problems.find((p) => p.message.includes('{{persona}}'));
    expect(warning).toMatchObject({ severity: 'warning', path: 'setting' });
  });
});
