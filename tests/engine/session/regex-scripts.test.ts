// A card's SillyTavern regex scripts (tests/fixtures/st-regex/card.json, see its PROVENANCE.md)
// played through a real Session: what is stored, what the next prompt carries.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regexScriptSchema } from '../../../src/world/schema.js';
import type { RegexScript } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { entry as loreEntryOf } from '../lore/helpers.js';
import { chosenTexts, collect, newSession } from './helpers.js';
import { scriptedProvider } from './scripted-provider.js';

const card = JSON.parse(readFileSync(new URL('../../fixtures/st-regex/card.json', import.meta.url), 'utf8')) as {
  data: { extensions: { regex_scripts: unknown[] } };
};
const scripts = card.data.extensions.regex_scripts.map((s) => regexScriptSchema.parse(s) as RegexScript);

const loreEntry = (id: string, text: string) => loreEntryOf(id, { keys: [id], text });

function packWithScripts() {
  return { ...miniPack(), regexScripts: scripts };
}

describe("a card's regex scripts in play", () => {
  it("store the reply without its status block and the player's input with its OOC marker rewritten", async () => {
    const provider = scriptedProvider({
      text: (turn) => `<status>HP 9/10</status>\nWren looks up from the ledger ${turn}. <note>secret ${turn}</note> "Well?"`,
    });
    const { session } = await newSession({ pack: packWithScripts(), provider, candidates: 1 });
    await collect(session.play({ text: 'I knock.\n!ooc back in five' }));
    const [turn] = session.turns();
    expect(turn.input.text).toBe('I knock.\n(OOC: back in five)');
    expect(chosenTexts(session)[0]).toBe('Wren looks up from the ledger 1. <note>secret 1</note> "Well?"');
  });

  it('send an old reply without its promptOnly notes, and keep them in the newest ones (minDepth 2)', async () => {
    const provider = scriptedProvider({ text: (turn) => `Wren nods ${turn}. <note>secret ${turn}</note> "Go on."` });
    const { session } = await newSession({ pack: packWithScripts(), provider, candidates: 1 });
    await collect(session.play({ text: 'I sit.' }));
    await collect(session.play({ text: 'I wait.' }));
    const sent = provider.requests[1].candidates[0].messages.map((m) => m.content);
    // Depth 0 is the new input, 1 the reply of turn 1: kept; the same reply two turns on is at depth 2.
    expect(sent.some((c) => c.includes('<note>secret 1</note>'))).toBe(true);
    await collect(session.play({ text: 'I stand.' }));
    const later = provider.requests[2].candidates[0].messages.map((m) => m.content);
    expect(later.some((c) => c.includes('Wren nods 1.'))).toBe(true);
    expect(later.some((c) => c.includes('secret 1'))).toBe(false);
    expect(later.some((c) => c.includes('<note>secret 2</note>'))).toBe(true);
    // What is stored keeps the notes.
    expect(chosenTexts(session)[0]).toContain('<note>secret 1</note>');
  });

  it("run on the player's edits only where runOnEdit says: the reply's status strip does, the input's OOC marker does not", async () => {
    const provider = scriptedProvider({ text: (turn) => `Wren waits ${turn}. "Yes?"` });
    const { session } = await newSession({ pack: packWithScripts(), provider, candidates: 1 });
    await collect(session.play({ text: 'I knock.' }));
    await collect(session.editReply('<status>HP 1/10</status>\nWren waits, pale. "Yes?"'));
    expect(chosenTexts(session)[0]).toBe('Wren waits, pale. "Yes?"');
    await collect(session.edit('I knock twice.\n!ooc brb'));
    expect(session.turns().at(-1)?.input.text).toBe('I knock twice.\n!ooc brb');
  });

  it('run on a continued reply: the continuation is stored without its status block', async () => {
    let calls = 0;
    const provider = scriptedProvider({
      text: () => (++calls === 1 ? 'Wren waits by the door.' : 'He smiles at last. <status>Mood: warm</status>'),
    });
    const { session } = await newSession({ pack: packWithScripts(), provider, candidates: 1 });
    await collect(session.play({ text: 'I knock.' }));
    await collect(session.continueReply());
    const turn = session.turns()[0];
    expect(turn.candidates).toHaveLength(2);
    expect(turn.candidates[1].text).toBe('Wren waits by the door. He smiles at last.');
  });

  it('WORLD_INFO scripts change a lore entry as the prompt carries it (promptOnly, as SillyTavern runs them); one they empty stays out', async () => {
    const lore = [
      { ...loreEntry('mill', 'The mill wheel [secret: debt] turns.'), constant: true },
      { ...loreEntry('gone', '[secret: all of it]'), constant: true },
    ];
    const scrub = regexScriptSchema.parse({
      findRegex: '/\\[secret: [^\\]]*\\]\\s*/g',
      replaceString: '',
      placement: [5],
      promptOnly: true,
    });
    // A plain WORLD_INFO script: SillyTavern passes lore as a prompt text, which only promptOnly scripts change.
    const plain = regexScriptSchema.parse({ findRegex: '/wheel/g', replaceString: 'WHEEL', placement: [5] });
    const provider = scriptedProvider({ text: () => 'Hm.' });
    const { session } = await newSession({
      pack: { ...miniPack({ lore }), regexScripts: [scrub, plain] as RegexScript[] },
      provider,
      candidates: 1,
    });
    const events = await collect(session.play({ text: 'I wait.' }));
    const sent = provider.requests[0].candidates[0].messages.map((m) => m.content).join('\n');
    expect(sent).toContain('The mill wheel turns.');
    expect(sent).not.toContain('secret');
    expect(session.pack.lore[0].text).toBe('The mill wheel [secret: debt] turns.');
    expect(events.flatMap((e) => (e.type === 'prompt' ? e.prompt.lore : []))).toEqual(['mill']);
  });

  it("REASONING scripts change the reply's reasoning as stored", async () => {
    const tidy = regexScriptSchema.parse({ findRegex: '/^Plan: /gm', replaceString: '', placement: [6] }) as RegexScript;
    const provider = scriptedProvider({ text: () => 'Wren nods.', reasoning: () => 'Plan: nod.\nPlan: wait.' });
    const { session } = await newSession({ pack: { ...miniPack(), regexScripts: [tidy] }, provider, candidates: 1 });
    await collect(session.play({ text: 'I wait.' }));
    const [turn] = session.turns();
    expect(turn.candidates[0].reasoning).toBe('nod.\nwait.');
    expect(turn.candidates[0].text).toBe('Wren nods.');
  });

  it('run once on each part of a continued reply: the stored reply is not run through them again', async () => {
    // A script that adds to what it matches shows a second run: "~door" would become "~~door".
    const marking = regexScriptSchema.parse({ findRegex: '/\\bdoor\\b/g', replaceString: '~$&', placement: [2] }) as RegexScript;
    let calls = 0;
    const provider = scriptedProvider({ text: () => (++calls === 1 ? 'Wren waits by the door.' : 'He opens the door.') });
    const { session } = await newSession({ pack: { ...miniPack(), regexScripts: [marking] }, provider, candidates: 1 });
    await collect(session.play({ text: 'I knock.' }));
    expect(chosenTexts(session)[0]).toBe('Wren waits by the ~door.');
    await collect(session.continueReply());
    expect(session.turns()[0].candidates[1].text).toBe('Wren waits by the ~door. He opens the ~door.');
  });
});
