import { describe, expect, it } from 'vitest';
import { aggregateScore, critiqueCandidate, repairReply, runCritics } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const en = contextFor('en');
const zh = contextFor('zh');

describe('repairReply', () => {
  it('cuts the reply at a line spoken by the player, by name', () => {
    const raw = 'Wren holds out the token. "Take it."\nTamsin: "I don\'t want it."\nWren shrugs.';
    const { text, repairs } = repairReply(raw, en);
    expect(text).toBe('Wren holds out the token. "Take it."');
    expect(repairs).toEqual(['cut at a line spoken by Tamsin']);
  });

  it('cuts at {{user}}: and User: lines, and at a Chinese name with a full-width colon', () => {
    expect(repairReply('The wheel creaks.\n{{user}}: I leave.', en)).toEqual({
      text: 'The wheel creaks.',
      repairs: ['cut at a line spoken by {{user}}'],
    });
    expect(repairReply('The wheel creaks.\nUser: I leave.', en).repairs).toEqual(['cut at a line spoken by User']);
    expect(repairReply('The wheel creaks.\nTamsin Alder: I leave.', en).text).toBe('The wheel creaks.');
    // The critic's pattern: a stage direction between the name and the colon is still the player's line.
    expect(repairReply('The wheel creaks.\nTamsin (quietly): I leave.', en)).toEqual({
      text: 'The wheel creaks.',
      repairs: ['cut at a line spoken by Tamsin'],
    });
    expect(repairReply('水车吱呀作响。\n林晚：我走了。', zh)).toEqual({
      text: '水车吱呀作响。',
      repairs: ['cut at a line spoken by 林晚'],
    });
  });

  it('does not cut a player line that opens the reply (nothing would be left)', () => {
    expect(repairReply('Tamsin: hello', en).text).toBe('Tamsin: hello');
  });

  it('strips <think> blocks and chat-template tags', () => {
    const raw = '<think>The player wants answers.</think>Wren shakes his head. "Not tonight."<|im_end|>';
    const { text, repairs } = repairReply(raw, en);
    expect(text).toBe('Wren shakes his head. "Not tonight."');
    expect(repairs).toEqual(['removed a <think> block', 'stripped leftover tag <|im_end|>']);
    expect(repairReply('[INST] go on [/INST] The rain falls.', en)).toEqual({
      text: 'The rain falls.',
      repairs: ['removed an echoed [INST] block'],
    });
    expect(repairReply('The rain falls. </s>', en).text).toBe('The rain falls.');
  });

  it('removes a role prefix at the very start only', () => {
    expect(repairReply('Assistant: The rain falls.', en)).toEqual({
      text: 'The rain falls.',
      repairs: ['removed the role prefix "Assistant:"'],
    });
    expect(repairReply('Narrator: The rain falls.', en).text).toBe('The rain falls.');
    expect(repairReply('The sign reads: Narrator: unknown.', en).repairs).toEqual([]);
  });

  it('closes an unclosed * or quote at the end, innermost first', () => {
    expect(repairReply('Wren turns. *He looks at the river', en)).toEqual({
      text: 'Wren turns. *He looks at the river*',
      repairs: ['closed an unclosed * at the end'],
    });
    expect(repairReply('Wren says, "Come home', en).text).toBe('Wren says, "Come home"');
    expect(repairReply('*Wren whispers, "Come home', en).text).toBe('*Wren whispers, "Come home"*');
    expect(repairReply('林风说：“回家吧', zh).text).toBe('林风说：“回家吧”');
  });

  it('leaves a clean reply untouched', () => {
    const clean = 'Wren sets the lamp down. "You came," he says. "I didn\'t think you would."';
    expect(repairReply(clean, en)).toEqual({ text: clean, repairs: [] });
  });
});

describe('critiqueCandidate', () => {
  it('flags on the raw text but scores the repaired text', () => {
    const raw =
      'Wren sets the lamp down between you and looks at the silent wheel for a long moment. "It stopped the night Mara went missing," he says. "Ask Ilsa, if you dare."\nTamsin: "I will."';
    const result = critiqueCandidate(raw, en);
    expect(result.repairs).toEqual(['cut at a line spoken by Tamsin']);
    const speaks = result.critics.find((c) => c.id === 'speaks-for-user')!;
    expect(speaks.flagged).toBe(true);
    expect(runCritics(result.text, en).find((c) => c.id === 'speaks-for-user')!.flagged).toBe(false);
    expect(result.score).toBeGreaterThan(aggregateScore(result.critics));
    expect(result.score).toBe(aggregateScore(runCritics(result.text, en)));
  });
});

describe('a reply cut off by the token limit', () => {
  it('ends on its last whole sentence, and says why', () => {
    const raw = 'Wren sets down the sack. "You came back." He looks at the hill, where the new tree';
    const { text, repairs } = repairReply(raw, en, { lengthLimited: true });
    expect(text).toBe('Wren sets down the sack. "You came back."');
    expect(repairs).toEqual(['dropped the unfinished last sentence (the reply reached its length limit)']);
    // The same text from a model that stopped by itself is not touched (it is flagged instead).
    expect(repairReply(raw, en).text).toBe(raw);
  });

  it('finds a sentence end in Chinese, after an action, and leaves a reply that already ends well', () => {
    expect(repairReply('掌柜的放下算盘。「客官请坐。」他抬头看了看门外的', zh, { lengthLimited: true }).text).toBe(
      '掌柜的放下算盘。「客官请坐。」',
    );
    expect(repairReply('*He turns away from the door.* The wheel creaks and the', en, { lengthLimited: true }).text).toBe(
      '*He turns away from the door.*',
    );
    expect(repairReply('The wheel stops.', en, { lengthLimited: true })).toEqual({ text: 'The wheel stops.', repairs: [] });
  });

  it('keeps the fragment when dropping it would throw away most of the reply', () => {
    const raw = 'Wren nods. Then he walks the long way round the millpond past the sluice and the drying racks and the';
    expect(repairReply(raw, en, { lengthLimited: true }).text).toBe(raw);
  });
});
