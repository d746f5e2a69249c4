/**
 * How the offline narrator reads to a demanding reader: terse input is answered, not quoted;
 * goals written about a character are narrated, not spoken; pronouns agree with the pack; one
 * gesture is not told twice in a reply; setting sentences are short, one a reply, and not
 * repeated within eight turns; lore comes one sentence at a time, not as an encyclopedia entry.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { pronounOf } from '../../../src/providers/offline/pronouns.js';
import { settingDetails } from '../../../src/providers/offline/material.js';
import { loadPack } from '../../../src/world/load.js';
import type { Beat, Cadence, StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { miniPack } from '../../fixtures/mini-pack.js';
import { zhPack } from './zh-pack.js';
import { BEAT_CADENCES, contextFor, planFor, requestFor } from './support.js';

/** Every span in double quotes (straight or curly, or Chinese corner quotes). */
function quoted(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|“([^”]*)”|「([^」]*)」/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

async function loadBundled(id: string): Promise<WorldPack> {
  const result = await loadPack(fileURLToPath(new URL(`../../../worlds/${id}/`, import.meta.url)), 'bundled');
  if (!result.ok) throw new Error(`${id} did not load: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.loaded.pack;
}

function glassOrchard(): Promise<WorldPack> {
  return loadBundled('glass-orchard');
}

describe('terse input', () => {
  it('answers "ok", "hmm", "yes", "no" and "hmm..." without quoting them', () => {
    const pack = miniPack();
    for (const input of ['ok', 'hmm', 'yes', 'no', 'hmm...', 'Okay.']) {
      for (let seed = 0; seed < 24; seed++) {
        const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
        const c = contextFor(pack, { playerInput: input, seed });
        for (let i = 0; i < 3; i++) {
          const reply = composeReply(c, requestFor(planFor(beat, cadence)), i);
          const bare = input.replace(/[.]+$/, '').toLowerCase();
          for (const span of quoted(reply.text)) expect(span.toLowerCase().replace(/[,.!?]+$/, '')).not.toBe(bare);
          expect(reply.text).not.toMatch(new RegExp(`Those words, "${bare}`, 'i'));
          // The acknowledgement is there, and it is about the silence or the answer, not the word.
          const ack = reply.parts.find((p) => p.kind === 'ack');
          if (ack) expect(ack.text.toLowerCase()).not.toContain(`"${bare}`);
        }
      }
    }
  });

  it('takes a silence as a silence and an "ok" as a yes', () => {
    const pack = miniPack();
    const acks = (input: string) =>
      Array.from({ length: 12 }, (_, seed) =>
        composeReply(contextFor(pack, { playerInput: input, seed }), requestFor(planFor('deepen', 'steady')), 0),
      )
        .flatMap((r) => r.parts.filter((p) => p.kind === 'ack').map((p) => p.text))
        .join(' ');
    expect(acks('hmm')).toMatch(/silence|quiet|pause|waits/);
    expect(acks('ok')).toMatch(/yes|nods|enough/);
  });

  it('does not quote a terse Chinese reply either', () => {
    const pack = zhPack();
    for (let seed = 0; seed < 20; seed++) {
      for (const input of ['嗯', '好', '不']) {
        const text = composeReply(
          contextFor(pack, { playerInput: input, seed }),
          requestFor(planFor('deepen', 'steady', { targetLength: [80, 240] })),
          seed % 3,
        ).text;
        expect(quoted(text)).not.toContain(input);
        expect(text).not.toContain(`“${input}……”`);
      }
    }
  });
});

describe('goals', () => {
  it('never puts a goal written in the third person inside quotes, but still shows it', () => {
    const base = miniPack();
    const pack = miniPack({
      characters: base.characters.map((c) =>
        c.id === 'wren' ? { ...c, goals: ['get Tamsin to stay, though he will not ask her', 'keep his sister out of debt'] } : c,
      ),
    });
    let shown = 0;
    for (let seed = 0; seed < 40; seed++) {
      const c = contextFor(pack, { playerInput: 'I wait.', seed });
      for (let i = 0; i < 3; i++) {
        const reply = composeReply(c, requestFor(planFor('deepen', 'steady', { actors: ['wren'] })), i);
        for (const span of quoted(reply.text)) {
          expect(span).not.toContain('he will not ask her');
          expect(span).not.toContain('keep his sister');
        }
        if (reply.parts.some((p) => p.kind === 'goal')) shown += 1;
      }
    }
    expect(shown).toBeGreaterThan(60);
  });

  it('narrates a Chinese goal that speaks of the character as 她', () => {
    const pack = zhPack();
    // (A goal the character hides, "不让任何人知道她就是断水剑", is not narrated at all: quirks.test.ts.)
    pack.characters = pack.characters.map((c) => (c.id === 'laochen' ? { ...c, goals: ['替她死去的师父守住这间茶馆'] } : c));
    let shown = 0;
    for (let seed = 0; seed < 30; seed++) {
      const reply = composeReply(
        contextFor(pack, { playerInput: '我等着。', seed }),
        requestFor(planFor('deepen', 'steady', { actors: ['laochen'], targetLength: [80, 240] })),
        0,
      );
      for (const span of quoted(reply.text)) expect(span).not.toContain('替她死去的师父');
      const goal = reply.parts.find((p) => p.kind === 'goal');
      if (goal) {
        shown += 1;
        expect(goal.text).toContain('替她死去的师父守住这间茶馆');
      }
    }
    expect(shown).toBeGreaterThan(0);
  });
});

describe('pronouns', () => {
  it('reads he and she from persona words and relations, and leaves an unmarked character without one', async () => {
    const pack = miniPack();
    const [wren, ilsa] = pack.characters;
    expect(pronounOf(ilsa, pack)).toBe('she');
    expect(pronounOf(wren, pack)).toBe('he');
    const plain = { ...ilsa, persona: 'A moneylender who keeps ledgers.', quirks: [], relations: {} };
    expect(pronounOf(plain, { ...pack, characters: [wren, plain] })).toBe('');
    // "her husband" describes someone else: the widow is still "she".
    const orchard = await glassOrchard();
    expect(
      pronounOf(
        orchard.characters.find((c) => c.id === 'ilsa')!,
        orchard,
      ),
    ).toBe('she');
    expect(
      pronounOf(
        orchard.characters.find((c) => c.id === 'wren')!,
        orchard,
      ),
    ).toBe('he');
    expect(
      pronounOf(
        orchard.characters.find((c) => c.id === 'maud')!,
        orchard,
      ),
    ).toBe('she');
  });

  it('agrees in the narration: the widow clears her throat, never "a throat" or "his"', () => {
    const pack = miniPack();
    let hers = 0;
    for (let seed = 0; seed < 120; seed++) {
      const c = contextFor(pack, { playerInput: 'I wait.', seed, opening: { ...pack.openings[0], characters: ['wren', 'ilsa'] } });
      for (let i = 0; i < 2; i++) {
        const text = composeReply(c, requestFor(planFor('complicate', 'steady', { actors: ['wren', 'ilsa'] })), i).text;
        expect(text).not.toMatch(/clears (a|the) throat|Ilsa clears his|Wren clears her|tilts the head/);
        if (/Ilsa clears her throat/.test(text)) hers += 1;
      }
    }
    expect(hers).toBeGreaterThan(0);
  });
});

describe('one gesture a reply', () => {
  it('does not tell the same gesture twice in a reply ("hand stills" ... "hands go still")', () => {
    const pack = miniPack();
    const gesture = /\b(hands?|jaw|breathes?)\b/gi;
    for (let seed = 0; seed < 80; seed++) {
      const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
      const c = contextFor(pack, { playerInput: 'I wait.', seed });
      for (let i = 0; i < 3; i++) {
        const reply = composeReply(c, requestFor(planFor(beat === 'escalate' ? 'reveal' : beat, cadence)), i);
        // Narration units only: authored lines belong to the pack.
        const told = reply.parts.filter((p) => ['interior', 'reveal', 'sensory', 'complication', 'resolve'].includes(p.kind));
        const seen = told.flatMap((p) => [...new Set([...p.text.matchAll(gesture)].map((m) => m[1].toLowerCase().replace(/s$/, '')))]);
        expect(new Set(seen).size).toBe(seen.length);
      }
    }
  });
});

/** Plays `turns` turns, keeping candidate `turn % 3`, and returns the replies in order. */
function playRun(
  pack: WorldPack,
  inputs: string[],
  turns: number,
  seed: number,
  lore: (input: string) => string[],
  length = pack.style.length,
): string[] {
  const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
  const beats: Array<[Beat, Cadence]> = [
    ['deepen', 'steady'],
    ['breathe', 'gentle'],
    ['reveal', 'steady'],
    ['escalate', 'bold'],
    ['complicate', 'steady'],
    ['resolve', 'steady'],
  ];
  const replies: string[] = [];
  for (let turn = 1; turn <= turns; turn++) {
    const input = inputs[(turn + seed) % inputs.length];
    const [beat, cadence] = beats[(turn * 7 + seed) % beats.length];
    const c = contextFor(pack, { turn, playerInput: input, history: [...history], lore: lore(input), seed });
    const reply = composeReply(c, requestFor(planFor(beat, cadence, { targetLength: length })), turn % 3).text;
    replies.push(reply);
    history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: reply, turn });
  }
  return replies;
}

describe('setting and lore', () => {
  const inputs = [
    'I look around the mill.',
    'ok',
    'Why did the wheel stop?',
    'I walk up to the orchard.',
    'hmm',
    'Tell me about Corwin.',
    'I sit by the fire.',
    'What is the note?',
  ];

  it('over a 30-turn run: at most one setting sentence a reply, none repeated within eight turns', async () => {
    const pack = await glassOrchard();
    const active = (input: string) =>
      pack.lore.filter((l) => l.constant || l.keys.some((k) => input.toLowerCase().includes(k.toLowerCase()))).map((l) => l.id);
    for (const seed of [1, 2, 3]) {
      const replies = playRun(pack, inputs, 30, seed, active);
      const details = settingDetails(contextFor(pack));
      expect(details.length).toBeGreaterThan(3);
      for (const [turn, reply] of replies.entries()) {
        const here = details.filter((d) => reply.includes(d.replace(/[.]$/, '')));
        expect(here.length).toBeLessThanOrEqual(1);
        for (const d of here) {
          for (const earlier of replies.slice(Math.max(0, turn - 8), turn)) expect(earlier).not.toContain(d.replace(/[.]$/, ''));
        }
        // Whole setting paragraphs stay out: no sentence of more than 30 words from the setting.
        expect(reply).not.toContain('The town is small enough that everyone knows');
        expect(reply).not.toMatch(/^Dusk at the Alder mill on the river Skell\.$/m);
      }
    }
  });

  it('answers a question with one sentence of lore in a voice, never the entry read out', async () => {
    const pack = await glassOrchard();
    const mill = pack.lore.find((l) => l.id === 'alder-mill')!;
    for (let seed = 0; seed < 30; seed++) {
      const c = contextFor(pack, { playerInput: 'What happened to the wheel, Wren?', lore: ['alder-mill', 'late-autumn'], seed });
      const reply = composeReply(c, requestFor(planFor('reveal', 'steady')), seed % 3);
      const answer = reply.parts.find((p) => p.kind === 'answer');
      expect(answer).toBeDefined();
      // One sentence of the entry, in Wren's mouth or told for him, never two read out in a row.
      expect(answer!.text).toMatch(/Wren/);
      expect(reply.text).not.toContain('four generations. Its wheel is undershot');
      expect(reply.text).not.toContain(
        mill.text
          .trim()
          .split(/(?<=\.)\s/)
          .slice(0, 2)
          .join(' '),
      );
    }
  });

  it('frames lore as speech or narration with sound punctuation and case', async () => {
    const pack = await glassOrchard();
    for (let seed = 0; seed < 40; seed++) {
      // Crowns and pennies: the question's words are those of the entry's first sentence.
      const c = contextFor(pack, { playerInput: 'What are crowns and pennies worth here, Wren?', lore: ['crowns-and-notes'], seed });
      const answer = composeReply(c, requestFor(planFor('reveal', 'steady')), seed % 3).parts.find((p) => p.kind === 'answer')!;
      expect(answer.text).toMatch(/money in Dunmarrow/i);
      // No "... generations." Wren says." and no "tells it, Money in ...".
      expect(answer.text).not.toMatch(/\.["”] [A-Z][a-z]+ says/);
      expect(answer.text).not.toMatch(/(tells it|short of it|few words)[,:] Money/);
      // Names keep their capital when the sentence is told on.
      expect(answer.text).not.toMatch(/dunmarrow/);
    }
  });

  it('does not let the asked-about character repeat a question about themself', () => {
    const pack = miniPack();
    for (let seed = 0; seed < 20; seed++) {
      const c = contextFor(pack, { playerInput: 'Who is Ilsa?', seed });
      const text = composeReply(c, requestFor(planFor('complicate', 'bold', { actors: ['ilsa', 'wren'] })), 0).text;
      expect(text).not.toMatch(/"Who is Ilsa\?"[^.]*Ilsa (repeats|echoes)|stay with Ilsa/);
    }
  });

  it('reflects an action without breaking a clause ("I ask Ilsa what she wants")', () => {
    const pack = miniPack();
    for (let seed = 0; seed < 20; seed++) {
      const text = composeReply(
        contextFor(pack, { playerInput: 'I ask Ilsa what she wants from us.', seed }),
        requestFor(planFor('deepen', 'steady')),
        seed % 3,
      ).text;
      expect(text).not.toMatch(/what she and|the asking/);
    }
  });
});

describe('who does what', () => {
  it("names the subject of an authored action line that would otherwise read as the previous character's", () => {
    const base = miniPack();
    const pack = miniPack({
      characters: base.characters.map((c) => (c.id === 'ilsa' ? { ...c, examples: ['*She closes the ledger.* "Sit down, then."'] } : c)),
    });
    let seen = 0;
    for (let seed = 0; seed < 60; seed++) {
      const c = contextFor(pack, { playerInput: 'I wait.', seed });
      for (let i = 0; i < 3; i++) {
        const text = composeReply(c, requestFor(planFor('complicate', 'steady', { actors: ['wren', 'ilsa'] })), i).text;
        expect(text).not.toMatch(/(^|[.!?"]\s+)\*She closes the ledger/m);
        if (text.includes('closes the ledger')) seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('never speaks one authored line twice in a reply, even once its actor has been named', async () => {
    const pack = await loadBundled('ember-crown');
    const spoken = pack.characters.flatMap((c) => c.examples.flatMap((e) => [...e.matchAll(/"([^"]{16,})"/g)].map((m) => m[1])));
    const inputs = [
      'I kneel before the throne.',
      'ok',
      'Who holds the crown now?',
      'I draw my sword.',
      'hmm',
      'Tell me about the ember.',
      'I look at the queen.',
      'no',
    ];
    const active = (input: string) =>
      pack.lore.filter((l) => l.constant || l.keys.some((k) => input.toLowerCase().includes(k.toLowerCase()))).map((l) => l.id);
    let twice = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      // A long target on thin material: the narrator runs out of fresh units and reaches back.
      for (const reply of playRun(pack, inputs, 16, seed, active, [200, 400])) {
        for (const line of spoken) if (reply.split(line).length > 2) twice += 1;
      }
    }
    expect(twice).toBe(0);
  });

  it('reads a bare call ("Ezra?") as no question and "I ask about the letter" as one', async () => {
    const { readInput } = await import('../../../src/providers/offline/input.js');
    const pack = miniPack();
    expect(readInput('I push open the door. "Wren?"', pack, false).question).toBe(false);
    expect(readInput('Why did the wheel stop, Wren?', pack, false).question).toBe(true);
    expect(readInput('I follow him inside and ask about the debt.', pack, false).question).toBe(true);
    expect(readInput('Who is Ilsa?', pack, false).addressed).toBeUndefined();
    expect(readInput('Tell me about the ledger, Ilsa.', pack, false).addressed).toBe('ilsa');
    expect(readInput('ok', pack, false).terse).toBe('assent');
    expect(readInput('hmm...', pack, false).terse).toBe('silence');
    expect(readInput('And then?', pack, false).terse).toBe('onward');
    expect(readInput('然后呢？', zhPack(), true).terse).toBe('onward');
    expect(readInput('继续', zhPack(), true).present).toBe(false);
  });

  it('hears only the words a Chinese message says aloud, not the narration around them', async () => {
    const { readInput } = await import('../../../src/providers/offline/input.js');
    const pack = zhPack();
    // Found in play: "云娘听清了：“我推门进去，问掌柜：今晚还有空房吗？”" put the player's act in their mouth.
    expect(readInput('我推门进去，问掌柜：今晚还有空房吗？', pack, true).echo).toBe('今晚还有空房吗？');
    expect(readInput('我放下包袱，说：“这雪下得真大。”', pack, true).echo).toBe('这雪下得真大');
    // A message that is all speech is still heard whole.
    expect(readInput('这把剑是谁的？', pack, true).echo).toBe('这把剑是谁的？');
  });

  it('ends on no question that presumes the player came back, in a story where no one left', async () => {
    const pack = await loadBundled('ember-crown');
    const inputs = [
      'I go to the caldera.',
      'We need to move quickly. Lock the doors!',
      'I pick up the crown from the floor.',
      'I look at the hall.',
    ];
    let asked = 0;
    for (let seed = 0; seed < 24; seed++) {
      const input = inputs[seed % inputs.length];
      const reply = composeReply(contextFor(pack, { playerInput: input, seed }), requestFor(planFor('deepen', 'steady')), seed % 3);
      const hook = reply.parts.find((p) => p.kind === 'hook')?.text ?? '';
      if (hook.includes('?')) asked += 1;
      expect(hook).not.toMatch(/came back|come back/);
    }
    expect(asked).toBeGreaterThan(6);
  });

  it('takes no measure of time or amount for the topic ("for a while", "a lot to fix", "home for the night")', async () => {
    const { readInput } = await import('../../../src/providers/offline/input.js');
    const pack = miniPack();
    const topic = (text: string) => readInput(text, pack, false).topic;
    expect(topic("Let's slow down. I just want to sit here with my brother for a while.")).toBe('your brother');
    expect(topic('Can we get on with it? We have a lot to fix.')).toBe('');
    expect(topic('Slow down. I want to look at the hall for a moment.')).toBe('the hall');
    expect(topic('I go home for the night.')).toBe('');
    expect(topic('I lead the way to the mill.')).not.toBe('the way');
    // A night that is a thing told of stays the topic.
    expect(topic('What happened the night Corwin drowned?')).toMatch(/^the night/);
  });

  it('takes the thing asked about, not its relative clause or a phrase a pronoun hid ("ask her about the letter my mother left")', async () => {
    const pack = await glassOrchard();
    const { readInput } = await import('../../../src/providers/offline/input.js');
    const topic = (text: string) => readInput(text, pack, false).topic;
    expect(topic('Ask her about the letter my mother left.')).toBe('the letter');
    expect(topic('I ask Wren about the key that my father gave me.')).toBe('the key');
    expect(topic('I hand her the lantern.')).toBe('the lantern');
    // Two things asked about, joined by "and": the last is still the topic.
    expect(topic('What about the cup and the letter?')).toBe('the letter');
    const { nounPhrase } = await import('../../../src/providers/offline/input.js');
    expect(nounPhrase('She keeps the ledger her father kept.', pack, false)).toBe('the ledger');
  });

  it('echoes what the player says, not their starred action ("*I laugh softly* You haven\'t changed")', async () => {
    const pack = await glassOrchard();
    const { readInput } = await import('../../../src/providers/offline/input.js');
    const laugh = readInput("*I laugh softly* You haven't changed at all.", pack, false);
    expect(laugh.echo).toBe("You haven't changed at all.");
    expect(laugh.doing).toBe('laughing softly');
    // A message that is only an action has nothing to quote back.
    const nod = readInput('*I nod*', pack, false);
    expect(nod.echo).toBe('');
    expect(nod.doing).toBe('nodding');
  });

  it('asks no question about a thing the player only handled ("Why your coat, and why now?"), and still about one they asked of', async () => {
    const pack = await glassOrchard();
    const hooks = (input: string) =>
      Array.from({ length: 24 }, (_, seed) => {
        const [beat, cadence] = BEAT_CADENCES[seed % BEAT_CADENCES.length];
        return composeReply(contextFor(pack, { playerInput: input, seed }), requestFor(planFor(beat, cadence)), seed % 3);
      }).flatMap((r) => r.parts.filter((p) => p.kind === 'hook').map((p) => p.text));
    const handled = hooks('I step inside and shake the rain off my coat.');
    expect(handled.length).toBeGreaterThan(0);
    expect(handled.filter((h) => /coat[^"]*\?/.test(h))).toEqual([]);
    expect(hooks('What happened to the lantern?').some((h) => /lantern[^"]*\?/.test(h))).toBe(true);
    // A subject of the story's own the player turns to is still asked about.
    expect(hooks('I look at the silent wheel.').some((h) => /wheel[^"]*\?/.test(h))).toBe(true);
  });

  it('takes a quoted Chinese question for no topic, so no one asks back 为什么是「还有空房吗」', async () => {
    const { readInput } = await import('../../../src/providers/offline/input.js');
    const pack = zhPack();
    const topic = (text: string) => readInput(text, pack, true).topic;
    expect(topic('我走到柜台前。“掌柜的，还有空房吗？”')).toBe('');
    expect(topic('“那个穿黑衣的人是谁？”')).toBe('');
    expect(topic('“你认识写信的人吗”')).toBe('');
    // A quoted statement is still its topic.
    expect(topic('我压低声音：“我要找断水剑”')).toBe('「找断水剑」');
  });

  it('tells at most one sudden event a reply and leaves the opening scene heading out', async () => {
    const pack = await glassOrchard();
    for (let seed = 0; seed < 40; seed++) {
      const c = contextFor(pack, { turn: 5, playerInput: 'I wait.', seed });
      const reply = composeReply(c, requestFor(planFor('escalate', 'bold')), seed % 3);
      expect(reply.parts.filter((p) => p.kind === 'event').length).toBeLessThanOrEqual(1);
      expect(reply.text).not.toContain('Dusk at the Alder mill');
    }
  });
});
