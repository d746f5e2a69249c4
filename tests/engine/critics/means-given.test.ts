import { describe, expect, it } from 'vitest';
import { noHook } from '../../../src/engine/critics/no-hook.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';

const run = (text: string, lang: 'en' | 'zh' = 'en') => settle(noHook(text, contextFor(lang))).flagged;

describe('no-hook: the way to do something handed to the player', () => {
  it('reads a counted act and what it opens as a hook, in Chinese and English', () => {
    expect(run('磨坊后墙，敲三声即开。', 'zh')).toBe(false);
    expect(run('林风指了指水车下的铁环：“拉两下就开，别太用力。”', 'zh')).toBe(false);
    expect(run('*Wren pats the hatch.* "Two turns of the crank and it swings open. Never three."')).toBe(false);
    expect(run('The ledger box sits under the stair. Press the lid twice and the catch slides back.')).toBe(false);
  });

  it('leaves a count that tells what happened, or a result with no act, a flat ending', () => {
    expect(run('林风三天就开了一家铺子，镇上的人都说他有本事。', 'zh')).toBe(true);
    expect(run('天一亮，磨坊的门就开了。', 'zh')).toBe(true);
    expect(run('The mill door opens at dawn, as it always has, and the flour dust settles.')).toBe(true);
  });
});
