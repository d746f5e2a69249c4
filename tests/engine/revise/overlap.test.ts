import { describe, expect, it } from 'vitest';
import { ContinuationJoiner, joinContinuation, separator, stripOverlap } from '../../../src/engine/revise/overlap.js';

describe('stripping a repeat from the start of a continuation', () => {
  it('drops the whole reply when the model starts over and goes on', () => {
    const reply = 'Wren sets down the sack. "You came back," he says, and looks';
    expect(joinContinuation(reply, `${reply} up at the hill.`)).toBe(`${reply} up at the hill.`);
  });

  it('drops a repeated last sentence, even with other whitespace', () => {
    const reply = 'The ferry bumps the pier.\nWren ties the rope and';
    expect(joinContinuation(reply, 'Wren ties  the rope and turns to you.')).toBe(
      'The ferry bumps the pier.\nWren ties the rope and turns to you.',
    );
  });

  it('joins a word cut in half when the model writes it whole', () => {
    expect(joinContinuation('She turned to the do', 'door and left.')).toBe('She turned to the door and left.');
  });

  it('drops a repeated last word', () => {
    expect(joinContinuation('I saw a', 'a man by the gate.')).toBe('I saw a man by the gate.');
  });

  it('keeps a continuation that shares no word-start with the end', () => {
    // One letter is enough when the model writes the word it starts whole (real cuts end so often).
    expect(joinContinuation('You d', "don't even ask.")).toBe("You don't even ask.");
    expect(joinContinuation('The bell rang', 'twice more.')).toBe('The bell rang twice more.');
  });

  it('is case-sensitive, so a new sentence is not taken for a repeat', () => {
    expect(joinContinuation('she said it was the', 'The mill is yours.')).toBe('she said it was the The mill is yours.');
  });

  it('drops a quote or *action* mark the reply had just opened when the model opens it again', () => {
    expect(joinContinuation('She frowns. *', '*Her scientific curiosity wins.*')).toBe('She frowns. *Her scientific curiosity wins.*');
    expect(joinContinuation('He says, "', '"You came back."')).toBe('He says, "You came back."');
    // A closed action is not reopened: the new one is its own.
    expect(joinContinuation('*She frowns.*', '*She smiles.*')).toBe('*She frowns.* *She smiles.*');
  });

  it('joins contractions and closing single quotes without a space', () => {
    expect(joinContinuation("we despise each other...that'", 's a great idea."')).toBe('we despise each other...that\'s a great idea."');
    expect(joinContinuation('Plus, I', "'ve never had a partner.")).toBe("Plus, I've never had a partner.");
    expect(joinContinuation("My favourite is 'Gladiator", "'. I love it.")).toBe("My favourite is 'Gladiator'. I love it.");
    expect(joinContinuation('He said', "'Hello' to me.")).toBe("He said 'Hello' to me.");
  });

  it('keeps everything when nothing repeats', () => {
    expect(stripOverlap('The lantern swings.', 'Rain begins to fall.')).toEqual({
      settled: true,
      rest: 'Rain begins to fall.',
      stripped: '',
    });
  });

  it('needs two CJK characters to call a repeat one', () => {
    expect(joinContinuation('他走', '走向门口。')).toBe('他走走向门口。');
    expect(joinContinuation('他慢慢地走向', '慢慢地走向门口。')).toBe('他慢慢地走向门口。');
  });

  it('holds a continuation back while it may still be a repeat, and settles when it diverges', () => {
    const reply = 'Wren ties the rope and';
    expect(stripOverlap(reply, 'Wren ties', false)).toEqual({ settled: false });
    expect(stripOverlap(reply, 'Wren tied', false)).toMatchObject({ settled: true, stripped: '' });
    expect(stripOverlap(reply, 'Wren ties the rope and waits', false)).toMatchObject({ settled: true, rest: ' waits' });
  });

  it('drops a long repeat the stream ended inside, but not a short coincidence', () => {
    expect(stripOverlap('Wren ties the rope and turns', 'Wren ties the rope', true)).toMatchObject({ rest: '' });
    expect(stripOverlap('Wren ties the rope', 'Wren', true)).toMatchObject({ rest: 'Wren' });
  });
});

describe('spacing the join', () => {
  it('puts one space between words and none before closing punctuation', () => {
    expect(joinContinuation('He nods', 'and turns away.')).toBe('He nods and turns away.');
    expect(joinContinuation('He nods', ', then turns away.')).toBe('He nods, then turns away.');
    expect(joinContinuation('He nods', '... slowly.')).toBe('He nods... slowly.');
  });

  it('continues after a sentence with a space and after a line break with the break', () => {
    expect(joinContinuation('He nods.', 'The rain stops.')).toBe('He nods. The rain stops.');
    expect(joinContinuation('He nods.\n', 'The rain stops.')).toBe('He nods.\nThe rain stops.');
    expect(joinContinuation('He nods.', '\n\nThe rain stops.')).toBe('He nods.\n\nThe rain stops.');
  });

  it('closes an open quote without a space and opens none after an opening one', () => {
    expect(joinContinuation('"You came back', '," he says.')).toBe('"You came back," he says.');
    expect(joinContinuation('He says, "You came back', '" and smiles.')).toBe('He says, "You came back" and smiles.');
    expect(joinContinuation('He says, "', 'You came back."')).toBe('He says, "You came back."');
    expect(joinContinuation('He hesitates—', 'then speaks.')).toBe('He hesitates—then speaks.');
  });

  it('joins CJK text without spaces', () => {
    expect(joinContinuation('他看着你，', '慢慢地说：「你回来了。」')).toBe('他看着你，慢慢地说：「你回来了。」');
    expect(joinContinuation('今天我们做煎饼怎么样?', '(挑眉)放心。')).toBe('今天我们做煎饼怎么样?(挑眉)放心。');
    expect(joinContinuation('彼はあなたを見て', '「おかえり」と言った。')).toBe('彼はあなたを見て「おかえり」と言った。');
  });

  it('adds nothing for an empty continuation', () => {
    expect(joinContinuation('He nods.', '   ')).toBe('He nods.');
    expect(separator('He nods', '')).toBe('');
  });
});

describe('the streaming joiner', () => {
  const cases: Array<[string, string]> = [
    ['She turned to the do', 'door and left the room.'],
    ['Wren ties the rope and', 'Wren ties the rope and turns to you, frowning.'],
    ['He nods.', 'The rain stops, and the ferry drifts.'],
    ['"You came back', '," he says, and the lantern swings.'],
    ['他看着你，', '慢慢地说：「你回来了。」'],
    ['He nods', 'He'],
    ['She frowns. *', '*Her curiosity wins.*'],
  ];
  for (const [reply, continuation] of cases) {
    it(`streams what the whole join makes: ${JSON.stringify(reply)}`, () => {
      for (const size of [1, 3, 7, 100]) {
        const joiner = new ContinuationJoiner(reply);
        let shown = reply;
        for (let i = 0; i < continuation.length; i += size) shown += joiner.push(continuation.slice(i, i + size));
        shown += joiner.end();
        expect(shown).toBe(joinContinuation(reply, continuation));
      }
    });
  }

  it('shows nothing of a repeat while it streams', () => {
    const joiner = new ContinuationJoiner('Wren ties the rope and');
    expect(joiner.push('Wren ties ')).toBe('');
    expect(joiner.push('the rope ')).toBe('');
    expect(joiner.started).toBe(false);
    expect(joiner.push('and waits.')).toBe(' waits.');
    expect(joiner.started).toBe(true);
  });
});
