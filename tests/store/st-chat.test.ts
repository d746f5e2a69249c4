// SillyTavern chats in and out, in process: the file is built here from SillyTavern's documented
// chat format (a header line, then one JSON message a line: name, is_user, is_system, send_date,
// mes, extra, swipes, swipe_id, swipe_info), since no real chat file is among the shared fixtures.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore, type SessionRecord, type SessionStartRecord } from '../../src/engine/session/records.js';
import { activeBranch } from '../../src/store/branch.js';
import { writeWholeSession } from '../../src/store/copy.js';
import { loadSession } from '../../src/store/load.js';
import { formatCreateDate, formatSendDate, parseStDate } from '../../src/store/st-chat/dates.js';
import { sessionToStChat } from '../../src/store/st-chat/from-session.js';
import { parseStChat, StChatError } from '../../src/store/st-chat/parse.js';
import { chatToRecords } from '../../src/store/st-chat/to-session.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { chatUserName, report, stChatText } from '../../src/cli/sessions-st.js';
import { scriptedProvider, steppingClock } from '../engine/session/scripted-provider.js';
import { collect } from '../engine/session/helpers.js';

const pack = miniPack();
const HOMECOMING = pack.openings[0].text;
const LEDGER = pack.openings[1].text;
type Msg = Record<string, unknown>;

const header = {
  user_name: 'Tamsin',
  character_name: 'Wren',
  create_date: '2024-05-01@12h00m00s',
  chat_metadata: { note_prompt: 'Keep it quiet.', world_info: 'Mill' },
};
const wren = (mes: string, more: Msg = {}): Msg => ({
  name: 'Wren',
  is_user: false,
  is_system: false,
  send_date: 'May 1, 2024 12:02pm',
  mes,
  extra: {},
  ...more,
});
const me = (mes: string, more: Msg = {}): Msg => ({
  name: 'Tamsin',
  is_user: true,
  is_system: false,
  send_date: 'May 1, 2024 12:01pm',
  mes,
  extra: {},
  ...more,
});
const jsonl = (lines: Msg[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

/** A chat as SillyTavern writes one: greeting with an alternate, swipes with their info, extras. */
const CHAT: Msg[] = [
  header,
  wren(HOMECOMING, {
    swipe_id: 0,
    swipes: [HOMECOMING, LEDGER],
    swipe_info: [
      { send_date: 'May 1, 2024 12:00pm', extra: {} },
      { send_date: 'May 1, 2024 12:00pm', extra: {} },
    ],
  }),
  me('I take the lamp from him. My dog is called Biscuit.', { extra: { isSmallSys: false }, force_avatar: 'User Avatars/tamsin.png' }),
  wren('"Keep it low," he says.', {
    extra: { api: 'openai', model: 'gpt-4o', token_count: 9 },
    swipe_id: 1,
    swipes: ['"Go home," he says.', '"Keep it low," he says.', 'He turns away.'],
    swipe_info: [
      {
        send_date: 'May 1, 2024 12:02pm',
        gen_started: '2024-05-01T12:01:50.000Z',
        gen_finished: '2024-05-01T12:02:00.000Z',
        extra: { api: 'openai' },
      },
      { extra: { api: 'openai' } },
      { extra: {} },
    ],
  }),
  { name: 'Tamsin', is_user: true, is_system: true, send_date: 'May 1, 2024 12:03pm', mes: 'A message hidden with /hide.', extra: {} },
  me('Where is Ilsa?', { send_date: 'May 1, 2024 12:04pm' }),
  wren('"At the ledger, where else."', { send_date: 'May 1, 2024 12:05pm' }),
];

function importInput(persona = 'Tamsin') {
  return {
    pack,
    persona: { ...pack.player, name: persona },
    id: 'st-test',
    seed: 7,
    now: Date.UTC(2026, 0, 1),
    candidates: 3,
    budget: 8192,
  };
}

function imported(lines: Msg[], persona = 'Tamsin') {
  const chat = parseStChat(jsonl(lines), 'chat.jsonl');
  return chatToRecords({
    chat,
    pack,
    persona: { ...pack.player, name: persona },
    id: 'st-test',
    seed: 7,
    now: Date.UTC(2026, 0, 1),
    candidates: 3,
    budget: 8192,
  });
}

/** What a SillyTavern message shows: its text, who sent it, its swipes and the one kept. */
function shown(m: Msg) {
  return {
    name: m.name,
    is_user: m.is_user,
    is_system: m.is_system ?? false,
    mes: m.mes,
    swipes: m.swipes ?? [m.mes],
    swipe_id: m.swipe_id ?? 0,
  };
}

async function exported(records: SessionRecord[]): Promise<Msg[]> {
  // Through the store: sealed lines written and read back, as `sessions export` reads them.
  const dir = mkdtempSync(join(tmpdir(), 'skald-st-'));
  const start = records[0] as SessionStartRecord;
  await writeWholeSession(dir, start.id, records);
  const loaded = await loadSession(start.id, dir);
  expect(loaded.warnings).toEqual([]);
  const opening = pack.openings.find((o) => o.id === loaded.start.openingId)!;
  const swipes = pack.openings.map((o) => o.text);
  const text = sessionToStChat({
    start: loaded.start,
    turns: activeBranch(loaded.records),
    characterName: 'Wren Alder',
    opening:
      loaded.start.openingText !== undefined
        ? { text: loaded.start.openingText, swipes: [loaded.start.openingText], chosen: 0 }
        : { text: opening.text, swipes, chosen: pack.openings.indexOf(opening) },
  });
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Msg);
}

describe('a SillyTavern chat, imported', () => {
  it('makes the greeting the opening it matches, each message and reply a turn, swipes the candidates', () => {
    const { records, summary } = imported(CHAT);
    const start = records[0] as SessionStartRecord;
    expect(start).toMatchObject({
      type: 'session-start',
      packId: 'mini-mill',
      openingId: 'homecoming',
      persona: 'Tamsin',
      provider: { id: 'sillytavern' },
    });
    expect(start.openingText).toBeUndefined();
    const turns = activeBranch(records);
    expect(turns.map((t) => [t.number, t.input.text, t.candidates.map((c) => c.text), t.chosen])).toEqual([
      [1, 'I take the lamp from him. My dog is called Biscuit.', ['"Go home," he says.', '"Keep it low," he says.', 'He turns away.'], 1],
      [2, 'Where is Ilsa?', ['"At the ledger, where else."'], 0],
    ]);
    // No critic saw an imported reply: no verdicts, and every turn and swipe says where it came from.
    expect(
      turns.every(
        (t) =>
          t.imported?.from === 'sillytavern' && t.candidates.every((c) => c.critics.length === 0 && c.imported?.from === 'sillytavern'),
      ),
    ).toBe(true);
    expect(turns[0].candidates[0].imported?.info).toEqual({
      send_date: 'May 1, 2024 12:02pm',
      gen_started: '2024-05-01T12:01:50.000Z',
      gen_finished: '2024-05-01T12:02:00.000Z',
      extra: { api: 'openai' },
    });
    // The player's facts are read from the imported messages, as from played ones.
    expect((records[1] as { facts: Array<{ text: string }> }).facts.map((f) => f.text)).toEqual(["Biscuit is Tamsin's dog."]);
    expect(turns[0].createdAt).toBe(new Date(2024, 4, 1, 12, 2).getTime());
    expect(summary).toMatchObject({ turns: 2, swipes: 4, openingMatched: 'homecoming', merged: 0, system: 1, empty: 0, unanswered: 0 });
  });

  it('reads the facts of a player who narrates their persona by name, as in play', () => {
    const { records } = imported([
      header,
      wren(HOMECOMING),
      me("Tamsin sets the lamp down. Tamsin's dog is called Biscuit."),
      wren('He nods.'),
    ]);
    expect((records[1] as { facts: Array<{ text: string }> }).facts.map((f) => f.text)).toEqual(["Biscuit is Tamsin's dog."]);
  });

  it('round trip: chat -> session (on disk) -> chat keeps every message, swipe, kept swipe, name and extra', async () => {
    const { records } = imported(CHAT);
    const back = await exported(records);
    expect(back[0]).toEqual({ ...header });
    expect(back.slice(1).map(shown)).toEqual(CHAT.slice(1).map(shown));
    // What skald has no field for comes back as it was: extra, swipe_info, dates, other fields.
    for (const [i, original] of CHAT.entries()) {
      if (i === 0) continue;
      for (const key of ['extra', 'send_date', 'force_avatar'] as const) expect(back[i][key]).toEqual(original[key]);
      // A reply that had no swipes gains them, with their info, as SillyTavern writes a generated one.
      if (original.swipe_info) expect(back[i].swipe_info).toEqual(original.swipe_info);
      else if (!original.is_user) expect(back[i].swipe_info).toHaveLength(1);
    }
    // And a second trip changes nothing.
    const again = await exported(imported(back).records);
    expect(again).toEqual(back);
  });

  it('merges messages of one side in a row, keeps system, empty and unanswered ones aside, and says so', async () => {
    const lines = [
      header,
      wren('Part one of the greeting.'),
      wren('Part two of the greeting.'),
      me('I wave.'),
      me('Then I shout.'),
      wren('He looks up.', { swipe_id: 0, swipes: ['He looks up.', 'He waves back.'] }),
      { name: 'System', is_user: false, is_system: true, mes: '/sys The rain starts.', extra: { type: 'narrator' } },
      wren('"Come in."', { swipe_id: 1, swipes: ['', '"Come in."', '"Go away."'] }),
      me('   '),
      me('Thanks.'),
    ];
    const { records, summary } = imported(lines);
    const start = records[0] as SessionStartRecord;
    expect(start.openingText).toBe('Part one of the greeting.\n\nPart two of the greeting.');
    const [turn] = activeBranch(records);
    expect(turn.input.text).toBe('I wave.\n\nThen I shout.');
    // The earlier reply's kept text leads each swipe of the last; the empty swipe is left out.
    expect(turn.candidates.map((c) => c.text)).toEqual(['He looks up.\n\n"Come in."', 'He looks up.\n\n"Go away."']);
    expect(turn.chosen).toBe(0);
    expect(turn.imported?.merged).toHaveLength(4);
    expect(summary).toMatchObject({ turns: 1, merged: 3, system: 1, empty: 1, unanswered: 1, emptySwipes: 1, openingKept: true });
    // The merged messages come back one by one, as they were; the asides where they stood.
    const back = await exported(records);
    expect(back.map((m) => m.mes)).toEqual([
      undefined,
      'Part one of the greeting.',
      'Part two of the greeting.',
      'I wave.',
      'Then I shout.',
      'He looks up.',
      '/sys The rain starts.',
      '"Come in."',
      '   ',
      'Thanks.',
    ]);
  });

  it('keeps a reply edited after it was swiped as what the player saw, and reads a chat with no greeting', () => {
    const { records, summary } = imported([header, me('Hello?'), wren('Edited by hand.', { swipe_id: 0, swipes: ['As generated.'] })]);
    const [turn] = activeBranch(records);
    expect(turn.candidates.map((c) => c.text)).toEqual(['As generated.', 'Edited by hand.']);
    expect(turn.chosen).toBe(1);
    expect(summary).toMatchObject({ editedReplies: 1, openingKept: false });
    expect(summary.openingMatched).toBeUndefined();
    expect((records[0] as SessionStartRecord).openingId).toBe('homecoming');
  });

  it("in a group chat, the characters' greetings make one opening with each speaker named, and go back as they were", async () => {
    const ilsa: Msg = { ...wren('"Welcome."'), name: 'Ilsa Morrow' };
    const lines: Msg[] = [header, wren('"You came."'), ilsa, me('Hello.'), wren('"Sit."')];
    const { records } = imported(lines);
    expect((records[0] as SessionStartRecord).openingText).toBe('Wren: "You came."\n\nIlsa Morrow: "Welcome."');
    expect((await exported(records)).slice(1, 3)).toEqual(lines.slice(1, 3));
  });

  it('in a group chat, replies of several characters in a row are merged with each speaker named', async () => {
    const ilsa = (mes: string, more: Msg = {}): Msg => ({ ...wren(mes, more), name: 'Ilsa Morrow', original_avatar: 'Ilsa.png' });
    const lines: Msg[] = [
      header,
      wren(HOMECOMING),
      me('Who is here?'),
      wren('"I am."'),
      ilsa('"And I."', { swipes: ['"Not I."', '"And I."'], swipe_id: 1 }),
    ];
    const { records } = imported(lines);
    const [turn] = activeBranch(records);
    expect(turn.candidates.map((c) => c.text)).toEqual([
      'Wren: "I am."\n\nIlsa Morrow: "Not I."',
      'Wren: "I am."\n\nIlsa Morrow: "And I."',
    ]);
    // Exported unchanged, each reply goes back as its own message, with its speaker, swipes and avatar.
    expect((await exported(records)).slice(1)).toEqual(lines.slice(1).map((m) => (m.is_user ? { ...m, name: 'Tamsin' } : m)));
    // Once another swipe is kept, the turn is skald's: one message, the speakers named in it.
    const changed = records.map((r) => (r.type === 'turn' ? { ...r, chosen: 0 } : r));
    expect((await exported(changed)).map((m) => m.mes)).toEqual([
      undefined,
      HOMECOMING,
      'Who is here?',
      'Wren: "I am."\n\nIlsa Morrow: "Not I."',
    ]);
  });

  it('a reply with an empty text shows its chosen swipe, or the first one that is not empty', () => {
    const { records } = imported([
      header,
      me('One.'),
      wren('', { swipe_id: 1, swipes: ['a', 'b'] }),
      me('Two.'),
      wren('', { swipe_id: 0, swipes: ['', 'c'] }),
    ]);
    expect(activeBranch(records).map((t) => [t.candidates.map((c) => c.text), t.chosen])).toEqual([
      [['a', 'b'], 1],
      [['c'], 0],
    ]);
  });

  it('cleans what is played of escape sequences and control characters, as model output is cleaned', () => {
    const { records } = imported([
      header,
      me('I wave.\u001b[2J'),
      wren('\u001b]0;owned\u0007He waves back.\u202e', { swipe_id: 0, swipes: ['\u001b]0;owned\u0007He waves back.\u202e'] }),
    ]);
    const [turn] = activeBranch(records);
    expect(turn.input.text).toBe('I wave.');
    expect(turn.candidates.map((c) => c.text)).toEqual(['He waves back.']);
  });

  it('refuses a malformed line by its number, whatever comes after it', () => {
    const bad = (lines: string[]) => () => parseStChat(lines.join('\n'), 'chat.jsonl');
    const good = JSON.stringify(me('Hi.'));
    expect(bad([JSON.stringify(header), good, '{"name": "Wren", "mes": "cut o', good])).toThrow(
      /^chat\.jsonl line 3 is not JSON \(.+\); nothing was imported\.$/,
    );
    expect(bad([JSON.stringify(header), JSON.stringify({ name: 'Wren', is_user: false })])).toThrow(
      'chat.jsonl has no line with a message text ("mes"), so there is no story to import.',
    );
    expect(bad([JSON.stringify(header), JSON.stringify(me('Hi.', { mes: 3 }))])).toThrow(
      'chat.jsonl line 2: "mes" (the message text) is a number, not a string; nothing was imported.',
    );
    // A cut line that is not the last is damage inside the story: refused, not skipped.
    expect(bad([JSON.stringify(header), good, '{"name": "Wren", "mes": "cut o', ''])).not.toThrow();
    expect(bad([JSON.stringify(header), JSON.stringify(wren('x', { swipes: ['a', 3] }))])).toThrow(
      'chat.jsonl line 2: "swipes" is not a list of texts',
    );
    expect(bad([JSON.stringify(header), JSON.stringify(wren('x', { swipes: ['x'], swipe_id: -1 }))])).toThrow(
      '"swipe_id" is -1, not a swipe number',
    );
    expect(bad([JSON.stringify(header), '', JSON.stringify(me('x', { is_user: 'yes' }))])).toThrow(
      'chat.jsonl line 3: "is_user" is "yes", not true or false',
    );
    expect(bad([JSON.stringify(header), '[1, 2]'])).toThrow('chat.jsonl line 2 holds a list, not a message object');
    expect(bad(['', ' '])).toThrow(/is empty/);
    expect(bad([JSON.stringify(header)])).toThrow(/has a header but no messages/);
    expect(bad(['nope'])).toThrow(StChatError);
  });

  it('a last line cut off mid-way (an interrupted save) is left out and named; the rest is imported', async () => {
    const text = jsonl([header, wren(HOMECOMING), me('Hello?'), wren('"Hello."')]) + '{"name":"Tamsin","is_user":true,"mes":"And th';
    const chat = parseStChat(text, 'chat.jsonl');
    expect(chat.cut).toEqual({ line: 5, start: '{"name":"Tamsin","is_user":true,"mes":"A' });
    const { records, summary } = chatToRecords({ ...importInput(), chat });
    expect(summary).toMatchObject({ turns: 1, cutLine: 5, unanswered: 0 });
    // Cut just after a nested object's brace, as a write stopped mid-message can leave it.
    expect(parseStChat(jsonl([header, me('Hello?')]) + '{"name":"Wren","extra":{}', 'chat.jsonl').cut?.line).toBe(3);
    expect((await exported(records)).map((m) => m.mes)).toEqual([undefined, HOMECOMING, 'Hello?', '"Hello."']);
  });

  it("a line holding no message (a tool's own data) is kept aside where it stood, before the greeting too", async () => {
    // As in Orion-zhen/roleplay-dataset, where a {"system": ...} line follows the header.
    const system = { system: "[Wren's personality: quiet]" };
    const { records, summary } = imported([header, system, wren(HOMECOMING), me('Hello?'), wren('"Hello."')]);
    expect(summary).toMatchObject({ turns: 1, notMessages: 1, openingMatched: 'homecoming' });
    const back = await exported(records);
    expect(back[1]).toEqual(system);
    expect(back.slice(2).map((m) => m.mes)).toEqual([HOMECOMING, 'Hello?', '"Hello."']);
  });

  it("a narrator message (/sys, not hidden) is nobody's reply: kept aside in its place, between message and reply", async () => {
    const narrator = { name: 'System', is_user: false, is_system: false, mes: 'Rain starts.', extra: { type: 'narrator' } };
    const hidden = { ...me('Hidden by /hide.'), is_system: true };
    const { records, summary } = imported([header, wren(HOMECOMING), me('Hello?'), narrator, wren('"Hello."'), me('Bye.'), hidden]);
    const [turn] = activeBranch(records);
    expect(turn.candidates.map((c) => c.text)).toEqual(['"Hello."']);
    expect(summary).toMatchObject({ turns: 1, narrator: 1, system: 1, unanswered: 1 });
    expect((await exported(records)).map((m) => m.mes)).toEqual([
      undefined,
      HOMECOMING,
      'Hello?',
      'Rain starts.',
      '"Hello."',
      'Bye.',
      'Hidden by /hide.',
    ]);
  });

  it('a message SillyTavern showed as its display_text (a translation) is counted, since skald plays its own text', () => {
    // As SillyTavern's translate extension writes it (a fork's public/chats/Aqua, 2023).
    const translated = wren('"Are you new here?"', { extra: { display_text: '“你是新来的吗？”' } });
    const same = wren('"Hello."', { extra: { display_text: '"Hello."' } });
    const { summary } = imported([header, translated, me('Hi.'), same]);
    expect(summary.displayText).toBe(1);
    expect(report(summary)).toContain(
      "1 message SillyTavern showed as its display text (a translation, say): skald plays the message's own text",
    );
  });

  it('names the other names the player sent messages under (a persona switched mid-chat), all played as one', () => {
    // As in a real 2024 chat whose header names one persona and whose messages carry another.
    const { summary } = imported([
      header,
      wren(HOMECOMING),
      me('Hi.'),
      wren('"Hi."'),
      { ...me('Again.'), name: 'Saito' },
      wren('"Again."'),
    ]);
    expect(summary.otherPlayerNames).toEqual(['Saito']);
    expect(report(summary)).toContain('your messages sent as "Saito" are played, and exported, under your one name');
    expect(imported(CHAT).summary.otherPlayerNames).toEqual([]);
  });

  it("the greeting's other swipes (alternate greetings) are counted, since only the kept one is played", () => {
    expect(imported(CHAT).summary.greetingSwipes).toBe(1);
  });

  it('the "unused" SillyTavern (1.12 and later) writes for the header\'s names names nobody', async () => {
    const modern = { chat_metadata: { integrity: 'x' }, user_name: 'unused', character_name: 'unused' };
    expect(chatUserName(parseStChat(jsonl([modern, wren(HOMECOMING), me('Hello?')]), 'c.jsonl'))).toBe('Tamsin');
    expect(chatUserName(parseStChat(jsonl([header, wren(HOMECOMING), me('Hello?')]), 'c.jsonl'))).toBe('Tamsin');
    expect(chatUserName(parseStChat(jsonl([{ ...header, user_name: 'Mara' }, me('Hello?')]), 'c.jsonl'))).toBe('Mara');
    // A turn played after the import has no SillyTavern name of its own: it is not written as "unused".
    const { records } = chatToRecords({ ...importInput(), chat: parseStChat(jsonl([modern, me('Hi.'), wren('"Hi."')]), 'c.jsonl') });
    delete (records[1] as { imported?: unknown }).imported;
    const dir = mkdtempSync(join(tmpdir(), 'skald-st-'));
    await writeWholeSession(dir, 'st-test', records);
    const loaded = await loadSession('st-test', dir);
    const back = (await stChatText(loaded, activeBranch(loaded.records)))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Msg);
    expect(back.find((m) => m.mes === '"Hi."')?.name).toBe(pack.title);
  });

  it('a resumed imported story plays on from it: the opening and replies kept are in the next prompt', async () => {
    const { records } = imported([
      header,
      wren('Rain on the mill roof; Wren mends a net.'),
      me('I help with the net.'),
      wren('"Hold this end," he says.', { swipe_id: 1, swipes: ['"No," he says.', '"Hold this end," he says.'] }),
    ]);
    const provider = scriptedProvider();
    const session = await Session.restore(records, {
      pack,
      provider,
      store: new MemorySessionStore(),
      clock: steppingClock(),
      seed: 1,
      candidates: 2,
    });
    expect(session.openingText).toBe('Rain on the mill roof; Wren mends a net.');
    const events = await collect(session.play({ text: 'I pull.' }));
    expect(events.some((e) => e.type === 'turn-done')).toBe(true);
    expect(session.turns().map((t) => t.number)).toEqual([1, 2]);
    const sent = provider.requests[0].candidates[0].messages.map((m) => m.content).join('\n');
    expect(sent).toContain('Rain on the mill roof; Wren mends a net.');
    expect(sent).toContain('"Hold this end," he says.');
    expect(sent).not.toContain('"No," he says.');
  });
});

describe('SillyTavern dates', () => {
  it('reads every form SillyTavern has written and writes its own', () => {
    const local = new Date(2023, 5, 19, 14, 20).getTime();
    expect(parseStDate('June 19, 2023 2:20pm')).toBe(local);
    expect(parseStDate('June 19, 2023 12:05am')).toBe(new Date(2023, 5, 19, 0, 5).getTime());
    expect(parseStDate('2023-06-19@14h20m00s')).toBe(local);
    expect(parseStDate('2023-6-19 @14h 20m 00s 000ms')).toBe(local);
    expect(parseStDate(1687184400000)).toBe(1687184400000);
    expect(parseStDate('1687184400000')).toBe(1687184400000);
    expect(parseStDate('2023-06-19T14:20:00.000Z')).toBe(Date.UTC(2023, 5, 19, 14, 20));
    expect(parseStDate('yesterday')).toBeUndefined();
    expect(parseStDate(undefined)).toBeUndefined();
    expect(formatSendDate(local)).toBe('June 19, 2023 2:20pm');
    expect(formatSendDate(new Date(2023, 0, 2, 0, 7).getTime())).toBe('January 2, 2023 12:07am');
    expect(formatCreateDate(local)).toBe('2023-06-19@14h20m00s');
    expect(parseStDate(formatSendDate(local))).toBe(local);
  });
});
