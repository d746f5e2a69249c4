import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/engine/session/index.js';
import { collect, chosenTexts, newSession } from './helpers.js';
import { scriptedProvider } from './scripted-provider.js';

describe('session tree', () => {
  it('plays a turn: streams candidates, ranks them best first, commits before turn-done', async () => {
    const { session, store } = await newSession();
    const events = await collect(session.play({ text: 'I take the lamp from Wren.' }));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('turn-start');
    expect(types).toContain('plan');
    expect(types).toContain('prompt');
    expect(types.filter((t) => t === 'candidate-start')).toHaveLength(3);
    expect(types.filter((t) => t === 'candidate-done')).toHaveLength(3);
    expect(types.at(-1)).toBe('turn-done');
    const done = events.at(-1) as Extract<(typeof events)[number], { type: 'turn-done' }>;
    expect(done.turn.number).toBe(1);
    const scores = done.turn.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(store.records.map((r) => r.type)).toEqual(['session-start', 'turn']);
    expect(session.turns()).toHaveLength(1);
  });

  it('swipes and regenerates at the last turn without forking', async () => {
    const { session, store } = await newSession();
    await collect(session.play({ text: 'Hello, brother.' }));
    await session.choose(1, 2);
    expect(session.turns()[0].chosen).toBe(2);
    const events = await collect(session.regenerate());
    const done = events.at(-1);
    expect(done?.type).toBe('turn-done');
    expect(session.turns()[0].candidates).toHaveLength(4);
    expect(session.turns()[0].chosen).toBe(3);
    expect(session.tree()).toHaveLength(1);
    expect(store.records.map((r) => r.type)).toEqual(['session-start', 'turn', 'choose', 'regenerate', 'candidate']);
  });

  it("numbers each request's candidates within their turn, a regenerated one after the first three (a template's {{random}} draws with it)", async () => {
    const provider = scriptedProvider();
    const { session } = await newSession({ provider });
    await collect(session.play({ text: 'Hello, brother.' }));
    await collect(session.regenerate());
    expect(provider.requests.map((r) => r.candidates.map((c) => c.index))).toEqual([[0, 1, 2], [3]]);
  });

  it("sends the system message's sections by SillyTavern's story-string names, each as it stands in the message", async () => {
    const provider = scriptedProvider();
    const { session } = await newSession({ provider });
    await collect(session.play({ text: 'Hello, brother.' }));
    const request = provider.requests[0].candidates[0];
    const system = request.messages[0].content;
    const parts = request.storyParts ?? {};
    // The pack's character shows example dialogues (no card personality): their lines, and the same as <START> blocks.
    expect(Object.keys(parts).sort()).toEqual(['char', 'description', 'examplesText', 'loreAfter', 'mesExamples', 'persona', 'scenario']);
    for (const key of ['description', 'persona', 'scenario', 'loreAfter', 'examplesText'] as const) expect(system).toContain(parts[key]);
    expect(parts.description).toContain(parts.examplesText);
    expect(parts.mesExamples).toMatch(/^<START>\n/);
    expect(parts.char).toBe('Wren Alder');
  });

  it('choosing at an earlier turn forks a new branch and keeps the old one', async () => {
    const { session } = await newSession();
    await collect(session.play({ text: 'Hello, brother.' }));
    await collect(session.play({ text: 'Why did the wheel stop?' }));
    const before = chosenTexts(session);
    const oldLeaf = session.turns()[1].id;
    await session.choose(1, 1);
    expect(session.turns()).toHaveLength(1);
    expect(session.turns()[0].chosen).toBe(1);
    const tree = session.tree();
    expect(tree).toHaveLength(2);
    const old = tree.find((b) => b.leafId === oldLeaf)!;
    expect(old.active).toBe(false);
    expect(old.turns).toBe(2);
    expect(old.forkTurn).toBe(1);
    await session.switchBranch(oldLeaf);
    expect(chosenTexts(session)).toEqual(before);
  });

  it('regenerating an earlier turn forks and chooses the new candidate', async () => {
    const { session } = await newSession();
    await collect(session.play({ text: 'Hello, brother.' }));
    await collect(session.play({ text: 'Why did the wheel stop?' }));
    await collect(session.regenerate(1));
    expect(session.turns()).toHaveLength(1);
    expect(session.turns()[0].candidates).toHaveLength(4);
    expect(session.turns()[0].chosen).toBe(3);
    expect(session.tree()).toHaveLength(2);
  });

  it('undo rewinds the last turn but keeps it in the tree; the next turn reuses the number', async () => {
    const { session } = await newSession();
    await collect(session.play({ text: 'Hello, brother.' }));
    await collect(session.play({ text: 'Why did the wheel stop?' }));
    const undone = await session.undo();
    expect(undone?.text).toBe('Why did the wheel stop?');
    expect(session.turns()).toHaveLength(1);
    expect(session.tree().some((b) => !b.active && b.lastInput === 'Why did the wheel stop?')).toBe(true);
    const events = await collect(session.play({ text: 'Where is Ilsa?' }));
    expect(events.at(-1)?.type).toBe('turn-done');
    expect(session.turns().map((t) => t.number)).toEqual([1, 2]);
    expect(session.turns()[1].input.text).toBe('Where is Ilsa?');
  });

  it('edit replaces the last player message as a new branch', async () => {
    const { session } = await newSession();
    await collect(session.play({ text: 'Hello, brother.' }));
    await collect(session.play({ text: 'Why did the whel stop?' }));
    await collect(session.edit('Why did the wheel stop?'));
    expect(session.turns().map((t) => t.input.text)).toEqual(['Hello, brother.', 'Why did the wheel stop?']);
    const inputs = session
      .tree()
      .map((b) => b.lastInput)
      .sort();
    expect(inputs).toEqual(['Why did the wheel stop?', 'Why did the whel stop?']);
  });

  it('rejects unknown turns, candidates and branches with a sentence', async () => {
    const { session } = await newSession();
    await collect(session.play({ text: 'Hello.' }));
    await expect(session.choose(5, 0)).rejects.toThrow(/no turn 5/);
    await expect(session.choose(1, 9)).rejects.toThrow(/pick one of 1-3/);
    await expect(session.switchBranch('nope')).rejects.toThrow(/no branch/);
    const events = await collect(session.regenerate(7));
    expect(events).toEqual([expect.objectContaining({ type: 'error' })]);
  });

  it('pins and forgets facts, which reach the next prompt', async () => {
    const { session, deps } = await newSession({ provider: scriptedProvider() });
    await collect(session.play({ text: 'Hello.' }));
    const fact = await session.remember('Wren owes Ilsa the mill.');
    expect(session.memory().facts.map((f) => f.id)).toContain(fact.id);
    await collect(session.play({ text: 'What do you owe her?' }));
    const provider = deps.provider as unknown as { requests: Array<{ context: { memory: { facts: Array<{ text: string }> } } }> };
    expect(provider.requests.at(-1)!.context.memory.facts.map((f) => f.text)).toContain('Wren owes Ilsa the mill.');
    expect(await session.forget(fact.id)).toBe(true);
    expect(await session.forget(fact.id)).toBe(false);
    expect(session.memory().facts.map((f) => f.id)).not.toContain(fact.id);
  });

  it('restores from its records: same branch, same tree, and turn numbers continue', async () => {
    const { session, store, deps } = await newSession();
    await collect(session.play({ text: 'Hello, brother.' }));
    await collect(session.play({ text: 'Why did the wheel stop?' }));
    await session.choose(1, 2);
    await collect(session.play({ text: 'Tell me about Ilsa.' }));
    const restored = await Session.restore(store.records, { ...deps, store });
    expect(restored.id).toBe(session.id);
    expect(chosenTexts(restored)).toEqual(chosenTexts(session));
    expect(restored.tree()).toEqual(session.tree());
    const events = await collect(restored.play({ text: 'And then?' }));
    expect(events.at(-1)?.type).toBe('turn-done');
    expect(restored.turns().map((t) => t.number)).toEqual([1, 2, 3]);
  });
});
