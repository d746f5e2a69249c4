import { describe, expect, it } from 'vitest';
import { formatting } from '../../../src/engine/critics/formatting.js';
import { settle } from '../../../src/engine/critics/index.js';
import { contextFor } from './contexts.js';
import { miniPack } from '../../fixtures/mini-pack.js';

const run = (text: string, lang: 'en' | 'zh' = 'en') => settle(formatting(text, contextFor(lang)));

describe('formatting', () => {
  it('catches a speaker name in square brackets heading a line ("[Dungeon Master]:", "**[Hessa]:**"), not brackets in prose', () => {
    const tagged = '[Dungeon Master]: The gate creaks open and the square empties.\n\n[Old Wren]: "Mind the race," he says.';
    const r = run(tagged);
    expect(r.flagged).toBe(true);
    expect(r.evidence.map((e) => e.text)).toEqual(['[Dungeon Master]:', '[Old Wren]:']);
    expect(run('**[Hessa]:** She lays the dagger down beside the treaty.').flagged).toBe(true);
    // A bracketed aside or a note inside a line is not a tag.
    expect(run('The ledger reads [illegible] where the sum should be. Wren shrugs: "Ask the miller."').flagged).toBe(false);
    expect(run('He points at the sign: [Closed] hangs crooked on the door.').flagged).toBe(false);
  });

  it('catches a slot left unfilled as four or more slashed alternatives, not a pair, a path or a link', () => {
    const slot = run('I only want to be a better friend/neighbour/tenant/partner to the people of this valley.');
    expect(slot.flagged).toBe(true);
    expect(slot.evidence[0].text).toBe('friend/neighbour/tenant/partner');
    expect(run('*Wren wipes his hands.* "Tell your mother/sister/aunt/cousin the flour is in."').flagged).toBe(true);
    expect(run('她是我的女儿/妹妹/妻子/朋友，也是这座磨坊的主人。', 'zh').flagged).toBe(true);
    expect(run('大门紧闭，狗已经放出来了。你可以选择：战斗/逃跑/交谈/躲藏。', 'zh').flagged).toBe(false);
    for (const text of [
      'Wren shrugs: the river and/or the miller will decide, and his/her share is not yours to count.',
      'They settle it with rock/paper/scissors, as they always have.',
      'The ledger is kept at /srv/mill/ledger/accounts/current on the old terminal.',
      'The notice names the page: see mill.example/notices/river/flood/spring for the dates.',
      'Open your character sheet: STR/DEX/CON/INT/WIS/CHA are all set to ten.',
      // A menu put to the player offers its choices on purpose.
      'The gate is shut and the dogs are loose. You can: fight/flee/talk/hide.',
    ])
      expect(run(text).flagged, text).toBe(false);
  });

  it('reads a lone pipe closing a line of prose as the seam of a splice and the words before it as cut', () => {
    const spliced =
      '*wipes the glass and sets it down* Well, the river rose twice this spring and the miller swore he would never bu |\n\n*leans back slightly* As for the mill itself, let us just say the wheel has seen better da |';
    expect(run(spliced).flagged).toBe(true);
    expect(run('I kept the ledger for him until the day the bank took the wh |').flagged).toBe(true);
    // A table row opens on a pipe; a status line holds several; a finished sentence before the pipe is no cut.
    expect(run('The stores, counted at dawn:\n\n| item | left |\n|---|---|\n| flour | 2 sacks |').flagged).toBe(false);
    expect(run('Wren locks the gate behind you.\n\nHP: 20 | Gold: 14 | Place: Mill |').flagged).toBe(false);
    expect(run('Wren locks the gate behind you and pockets the key. |').flagged).toBe(false);
  });

  it("reads a letter's valediction and signature, however long the signer's name, as its end, not a cut", () => {
    // critics-third mtb-tree-gpt4-t2: the proposal is signed by the tree and its forest.
    const letter =
      'Dear Mr. Morrow,\n\nPlease spare the old oak by the mill.\n\nRespectfully,\nThe Century-Old Tree and the Forest Community\n';
    expect(run(letter).flagged, JSON.stringify(run(letter).evidence)).toBe(false);
    expect(run('Spare the oak, I beg you.\n\nWith gratitude,\nWren, son of the miller of Dunmarrow').flagged).toBe(false);
    const cut = 'Dear Mr. Morrow,\n\nPlease spare the old oak by the mill, because the river';
    expect(run(cut).flagged).toBe(true);
    expect(run('Respectfully,\nWren writes, and then the ink runs out before the').flagged).toBe(true);
  });

  it('reads a closing attribution line (a dash, a name, who they are or the work) as a caption, not a cut', () => {
    for (const text of [
      'The river keeps no accounts, and neither should we.\n- Wren Alder, the last miller of Dunmarrow',
      'A debt outlives the debtor.\n— Ilsa Varga, Ledgers of the Guild',
    ]) {
      const result = run(text);
      expect(result.flagged, `${text}: ${JSON.stringify(result.evidence)}`).toBe(false);
    }
    // Dialogue after a dash that stops on a word is still cut.
    expect(run('The door bangs open.\n— Wren, the river is rising and we have to').flagged).toBe(true);
  });

  it('reads a closing emoji, emoticon or sign-off as the end of a chat message, not a cut', () => {
    for (const text of [
      'Wren hands you the lamp and grins. See you at the gate tonight 🌙',
      'Ilsa snorts at the joke despite herself (^_^)',
      'Thanks for the parcel, it made my whole week! Mara xx',
      'I will write again once the wheel turns. Yours truly, Wren',
      'Counting the days until you visit ;)',
    ]) {
      const result = run(text);
      expect(result.flagged, `${text}: ${JSON.stringify(result.evidence)}`).toBe(false);
    }
  });

  it('reads a closing list written without stops as ended, and only hints when its last item may be cut', () => {
    // critics-fourth town-bob-gptoss: a bulleted list whose items, the last one too, end on a word.
    const list = 'The mill needs three repairs:\n- Oiling the great wheel\n- Mending the sluice gate\n- Replacing the cracked millstone';
    const listed = run(list);
    expect(listed.flagged, JSON.stringify(listed.evidence)).toBe(false);
    expect(run('Wren counts what is left:\n1) two lamps\n2) a coil of rope\n3) the map of the').flagged).toBe(false);
    // critics-sixth tnl-noir-t13: items closing on a bracket or a quote are not stopped ("approaching (2)", "“cargo”").
    expect(run('**Status:**\n- Guards approaching (2)\n- The widow admits “cargo”\n- Cellar door unlocked').flagged).toBe(false);
    // A list whose items end on stops shows its last item was cut; so does prose after one item.
    expect(run('Wren counts:\n- Two lamps.\n- A coil of rope.\n- The map of the').flagged).toBe(true);
    expect(run('Wren counts:\n- Two lamps\nand then she reaches for the').flagged).toBe(true);
    expect(run('- Oiling the great wheel, then mending the').flagged).toBe(true);
  });

  it('still catches English prose that simply stops', () => {
    const result = run('Wren pulls the sluice gate open and the water rushes toward the');
    expect(result.flagged).toBe(true);
    expect(result.evidence.some((e) => e.why.includes('mid-sentence'))).toBe(true);
  });

  it('flags a placeholder a template left unfilled', () => {
    const result = run('Ilsa hums [Insert a sad ballad here] while she counts the coins. "Well?" she asks.');
    expect(result.flagged).toBe(true);
    expect(result.evidence.map((e) => e.text)).toContain('[Insert a sad ballad here]');
  });

  it("flags a script line for someone who is not one of the pack's characters, and spares the character's own", () => {
    const other = run('Wren (quietly): The sluice was jammed on purpose.\n\nTamsin (whispering): Then who jammed it?');
    expect(other.flagged).toBe(true);
    expect(other.evidence.map((e) => e.text)).toEqual(['Tamsin (whispering):']);
    const dangling = run('Wren sets the lamp down. "Ask me tomorrow."\nStranger (shouting)');
    expect(dangling.evidence.map((e) => e.text)).toContain('Stranger (shouting)');
    expect(run('Wren (quietly): The sluice was jammed on purpose. Who would do that?').flagged).toBe(false);
  });

  it('does not call a Chinese sentence without a final stop cut off, unless it stops on a connective', () => {
    const open = run('林风说他明天一早就去修水闸', 'zh');
    expect(open.flagged).toBe(false);
    expect(open.hint).toBe(true);
    const cut = run('林风想了想，说他明天会去，但是', 'zh');
    expect(cut.flagged).toBe(true);
    expect(cut.evidence.some((e) => e.text.endsWith('但是'))).toBe(true);
  });

  it("flags a line that opens on the character's own name, as written or in capitals, and a bare colon: the reply is a chat transcript", () => {
    const en = run('Wren: The sluice was jammed on purpose. Who would do that?');
    expect(en.flagged).toBe(true);
    expect(en.evidence.map((e) => e.text)).toEqual(['Wren:']);
    const zh = run('林风：「水闸是有人故意卡住的。你看见是谁了吗？」', 'zh');
    expect(zh.flagged).toBe(true);
    expect(zh.evidence.map((e) => e.text)).toEqual(['林风：']);
    // A script's speaker in capitals is the same tag.
    const caps = run('WREN: "The sluice was jammed on purpose. Who would do that?"');
    expect(caps.flagged).toBe(true);
    expect(caps.evidence.map((e) => e.text)).toEqual(['WREN:']);
    // A name inside a sentence, a colon after other words, or a stage direction (the script-line rule's) is not a tag.
    for (const text of [
      'Wren frowns at the ledger. "Three names: the widow, the miller and you. Which one lied?"',
      'One thing is certain, says Wren: the wheel did not stop by itself. What do you make of it?',
      'Wren (quietly): The sluice was jammed on purpose. Who would do that?',
    ])
      expect(run(text).flagged, text).toBe(false);
  });

  it('flags a frontend macro with a brace missing, and leaves a whole one to the frontend', () => {
    const broken = run("*Wren rests a hand on {{user}'s shoulder* Tell me what happened at the mill.");
    expect(broken.flagged).toBe(true);
    expect(broken.evidence.map((e) => e.text)).toEqual(['{{user}']);
    expect(run('Ilsa nods at {char}} and counts the coins. "Well?"').evidence.map((e) => e.text)).toEqual(['{char}}']);
    expect(run("*Wren rests a hand on {{user}}'s shoulder* Tell me what happened at the mill.").flagged).toBe(false);
  });

  it('catches a closing quote after the reply has quoted in pairs, not one that ends a speech begun before it', () => {
    // critics-sixth we1-ex08: a closing mark with no opening one, after a quoted pair.
    const stray =
      'Wren says the word “debt” like it tastes of rust.\n\n*Pushes the glass toward you.* Your turn now, tell me something true.” 😉';
    const r = run(stray);
    expect(r.flagged).toBe(true);
    expect(r.evidence[0].why).toMatch(/closed that never opened/);
    // A reply that goes on with a speech the last one left open closes it before opening any.
    expect(run('and that is all I know of the wheel.” Wren turns back to the race. “Ask the widow.”').flagged).toBe(false);
    // A language whose only quotation mark is ” (Swedish ”…”) never opens with “.
    expect(run('Wren ler. ”Hjulet stannade i tisdags”, säger han. ”Fråga änkan.”').flagged).toBe(false);
  });

  it("catches a game's state JSON left after the prose, fenced or not, and nothing that does not parse as JSON", () => {
    const prose = 'The gate creaks open and the square empties. Wren lifts the lamp and waits for you.';
    const fenced = `${prose}\n\n\`\`\`json\n{"inventory_add":[],"locations_add":["Mill yard"]}\n\`\`\``;
    expect(run(fenced).evidence.map((e) => e.why)).toEqual(['a JSON object left after the prose (data, not story)']);
    expect(run(`${prose}\n\n{"hp": 10, "location": "mill yard"}`).flagged).toBe(true);
    expect(run(`${prose} {"hp": 10}`).flagged).toBe(true);
    // A card's status sheet in a fence, braces in prose, and a reply that is only data are not this.
    expect(run(`${prose}\n\n\`\`\`\nHP: 10\nLocation: mill yard\n\`\`\``).flagged).toBe(false);
    expect(run(`${prose} He draws a brace in the dust: {like this}`).flagged).toBe(false);
    expect(run('{"hp": 10}').flagged).toBe(false);
  });

  it('leaves the JSON of a pack that asks for it alone', () => {
    const pack = { ...miniPack(), setting: 'After every reply, print the status as a JSON object in a fenced block.' };
    const ctx = { ...contextFor('en'), pack };
    const text = 'The gate creaks open and the square empties. Wren lifts the lamp.\n\n```json\n{"hp": 10}\n```';
    expect(settle(formatting(text, ctx)).flagged).toBe(false);
    expect(run(text).flagged).toBe(true);
  });
});
