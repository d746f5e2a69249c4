/**
 * Composes one offline reply along a candidate's plan: units of one or two sentences drawn from
 * the pack's authored material and the language's templates, chosen by a seed, ordered by the
 * beat, textured by the cadence, kept near the target length, filtered against the laws and the
 * narrator's recent replies (their sentence frames too, frames.ts), taking up what the player
 * established (recall.ts), and ended on a hook the player can answer.
 */
import type { CandidateRequest, NarrationContext } from '../../engine/types.js';
import type { LoreEntry } from '../../world/types.js';
import { hashSeed, seededRandom } from '../../engine/random.js';
import { resolveMacros } from '../../engine/macros.js';
import {
  castFor,
  isCjkPack,
  isGentlePack,
  lawFilter,
  loreFor,
  loreSentences,
  roughTokens,
  settingDetails,
  type CastMember,
} from './material.js';
import { possessive } from './pronouns.js';
import { lastParagraph, splitSentences } from '../../text/sentences.js';
import {
  CONCEALED_EN,
  CONCEALED_ZH,
  FOR_PLAYER_EN,
  FOR_PLAYER_ZH,
  NOT_BUT,
  INSTRUCTION,
  ASKING_HOOK,
  QUIET_HOOK,
  BODY,
  COMMON,
  THIRD_PERSON_EN,
  THIRD_PERSON_ZH,
  SENSORY_EN,
  SENSORY_ZH,
  motifs,
  nameActor,
  firstSentence,
} from './prose.js';
import { contentTokens, firstToken } from '../../engine/critics/text.js';
import { nounPhrase, readInput } from './input.js';
import { RecentReplies } from './recent.js';
import { shared, topicalLore, topicWords } from './topic.js';
import { Frames } from './frames.js';
import { NEEDS_ROOM, outdoors } from './place.js';
import { memoriesOf, recallFor } from './recall.js';
import { speaksForUser } from '../../engine/critics/speaks-for-user.js';
import type { CriticContext } from '../../engine/critics/context.js';
import { en } from './templates/en.js';
import { zh } from './templates/zh.js';
import type { Slots, Templates } from './templates/types.js';
import { escapeRegExp } from '../../text/regexp.js';
import { sentAwayIn } from '../../engine/planner/exits.js';
import { mentionedIn } from '../../engine/planner/actors.js';
import { describe, whoIsAsked } from './who.js';
import { ToldSentences } from './told.js';
import { ambientOf, interiorOf } from './ambient.js';

export type PartKind =
  | 'ack'
  | 'answer'
  | 'lore'
  | 'thread'
  | 'event'
  | 'complication'
  | 'entrance'
  | 'departure'
  | 'stakes'
  | 'sensory'
  | 'setting'
  | 'interior'
  | 'speech'
  | 'reveal'
  | 'goal'
  | 'resolve'
  | 'recall'
  | 'hook';

export interface ComposedPart {
  kind: PartKind;
  text: string;
}

export interface Composition {
  text: string;
  /** The units the text is made of, in order: what the tests and the debug pane can inspect. */
  parts: ComposedPart[];
  /** slow, steady or bold: how the cadence and beat were read. */
  mode: Mode;
}

type Mode = 'slow' | 'steady' | 'bold';

/** Kinds that may repeat an old sentence rather than be left out. */
const FALLBACK_KINDS = new Set<PartKind>(['ack', 'answer', 'hook']);

function modeOf(beat: string, cadence: string): Mode {
  if (cadence === 'gentle') return 'slow';
  if (cadence === 'bold') return 'bold';
  if (beat === 'breathe' || beat === 'deepen') return 'slow';
  if (beat === 'escalate' || beat === 'complicate') return 'bold';
  return 'steady';
}

/** Composes candidate `index` of a request; the same inputs always give the same text. */
export function composeReply(context: NarrationContext, request: CandidateRequest, index: number, baseSeed = 0): Composition {
  const { pack, persona } = context;
  const plan = request.plan;
  const beat = request.variant?.beat ?? plan.beat;
  const cadence = request.variant?.cadence ?? plan.cadence;
  const mode = modeOf(beat, cadence);
  const cjk = isCjkPack(pack);
  const language: Templates = cjk ? zh : en;
  // A gently told story still escalates (the planner decides that), but by a knock, not a scream.
  const T: Templates = isGentlePack(pack) ? { ...language, event: language.quietEvent, stakes: language.quietStakes } : language;
  const random = seededRandom(hashSeed(baseSeed, context.seed, context.turn, index, request.variant?.label ?? '', context.playerInput));
  const allowed = lawFilter(pack);
  const forPlayer = cjk ? FOR_PLAYER_ZH : FOR_PLAYER_EN;
  const playerName = persona.name.trim().toLowerCase();
  const narration = context.history.filter((m) => m.role === 'narrator').map((m) => m.text);
  const recent = narration.slice(-6);
  // A setting or background sentence told in the last eight replies is not told again yet.
  const toldLately = (text: string): boolean => narration.slice(-8).some((r) => r.includes(text));
  const toldEver = (text: string): boolean => narration.some((r) => r.includes(text));
  // Every sentence of the story so far: one told anywhere before waits while an untold option exists.
  const told = new ToldSentences(narration);
  // A character's authored line is said once in LINE_MEMORY replies: kept out of the last six only,
  // five lines and two speeches a reply brought each one back every seventh turn, word for word.
  const lineMemory = narration.slice(-LINE_MEMORY);
  // A line that only begins as one said lately ("哟，这么大的雪还有人往上爬，客官命硬。剑挂墙上……" after the opening's
  // greeting) is said again too: a run of its words counts, not only the whole line.
  let memoryGrams: RecentReplies | undefined;
  const saidLately = (line: string): boolean => {
    const spoken = spokenPart(line);
    if (lineMemory.some((r) => r.includes(spoken))) return true;
    memoryGrams ??= new RecentReplies(lineMemory, cjk);
    return memoryGrams.repeats(spoken);
  };
  const recentOpenings = new Set(recent.map((r) => firstSentence(r)));
  // Every last line the story ended a reply on: what the player reads most, and answers.
  const endedOn = new Set(narration.map(lastParagraph));
  const recentGrams = new RecentReplies(recent, cjk);
  const lastTwo = new RecentReplies(recent.slice(-2), cjk);
  // A template's frame ("What is _ to you, really?") used in the last six replies is passed over
  // while another frame is free, whatever names and topic fill it.
  const frames = new Frames(recent, cjk);
  const F = <S extends Slots>(template: (s: S) => string[], s: S): string[] => frames.render(template, s);
  const guardContext: CriticContext = { pack, persona, playerInput: '', recentReplies: [], history: [], facts: [], turn: context.turn };
  const used = new Set<string>();

  // Any sentence of a unit that starts with the player's name narrates them (quoted address is fine).
  const startsWithPlayer = (text: string): boolean =>
    playerName.length > 0 &&
    splitSentences(text).some((s) =>
      s
        .replace(/^[*\s]+/, '')
        .toLowerCase()
        .startsWith(playerName),
    );
  // The same option is weighed many times in one reply (a hook is tried for a fresh frame first): checked once.
  const checked = new Map<string, boolean>();
  const ok = (text: string): boolean => {
    let clean = checked.get(text);
    if (clean === undefined) {
      clean =
        text.trim().length > 0 &&
        allowed(text) &&
        !forPlayer.test(text) &&
        !startsWithPlayer(text) &&
        !NOT_BUT.test(text) &&
        !speaksForUser(text, guardContext).flagged;
      checked.set(text, clean);
    }
    return clean;
  };
  const parts: ComposedPart[] = [];
  /** Set when the reply would end short: old sentences may then return rather than leave a gap. */
  let relaxed = false;
  // Fresh: not in this reply so far (an example line is never spoken twice) nor in recent replies.
  // Checked with the tail of the previous unit too: two short sentences can repeat a run together.
  const tail = (): string => parts[parts.length - 1]?.text ?? '';
  // Within the reply a shorter run counts (the repetition critic's five words, eight CJK characters).
  const repeatsWithin = (text: string): boolean =>
    parts.length > 0 &&
    new RecentReplies(
      parts.map((p) => p.text),
      cjk,
      cjk ? 8 : 5,
    ).repeats(text);
  const isFresh = (text: string): boolean =>
    !used.has(text) && !parts.some((p) => p.text.includes(text)) && !recentGrams.repeats(text, tail()) && !repeatsWithin(text);
  /**
   * A seeded pick among clean options not said recently. Optional units (`strict`) are skipped
   * when every option would repeat; the acknowledgement and the hook fall back to a reuse.
   */
  const choose = (options: readonly string[], strict = true, newFrame = false): string | undefined => {
    const clean = options.filter(ok);
    const fresh = clean.filter(isFresh);
    const unused = (o: string) => !used.has(o) && !parts.some((p) => p.text.includes(o));
    // Even a reply running short does not repeat the last two replies.
    let pool = fresh.length > 0 || (strict && !relaxed) ? fresh : clean.filter((o) => unused(o) && (!strict || !lastTwo.repeats(o)));
    // Two beats on the same gesture in one reply ("his hand stills" ... "his hands go still") read
    // as a stutter: an optional unit whose every option clashes is left out.
    const calm = pool.filter((o) => !clashes(o));
    if (calm.length > 0 || (strict && !relaxed)) pool = calm;
    // Word for word, a sentence the story told before (ten turns ago or fifty) is the last choice.
    const retold = pool.map((o) => told.retold(o));
    const fewest = Math.min(...retold);
    pool = pool.filter((_, i) => retold[i] === fewest);
    // The least used frames; `newFrame` asks for one not used lately at all.
    const stale = pool.map((o) => frames.staleness(o));
    const least = Math.min(...stale);
    pool = pool.filter((_, i) => stale[i] === least && (!newFrame || least === 0));
    if (pool.length === 0) return undefined;
    const pickIndex = Math.floor(random() * pool.length) % pool.length;
    return pool[pickIndex];
  };

  const clashes = (text: string): boolean => {
    const own = motifs(text, cjk);
    if (own.size === 0) return false;
    return parts.some((p) => [...motifs(p.text, cjk)].some((m) => own.has(m)));
  };

  const reading = readInput(context.playerInput, pack, cjk);
  // Something the player established (a name, a promise, what they carry) to take up in character.
  const memory = recallFor(context, memoriesOf(context, cjk), index, baseSeed);
  const cast = castFor(context, plan, index, reading.addressed, T.quote);
  const stranger: CastMember = {
    character: { id: '', name: '', aliases: [], persona: '', voice: '', quirks: [], goals: [], secrets: [], relations: {}, examples: [] },
    name: cjk ? '一个陌生人' : 'A stranger',
    lines: [],
    quirks: [],
    present: true,
    pronoun: '',
  };
  // Everyone has gone and no one may come (castFor): the player is alone, and the reply names no one.
  const solitary = cast.length === 0 && pack.characters.length > 0;
  const lead = cast[0] ?? stranger;
  const other = cast[1] ?? lead;
  const slots = (who: CastMember = lead): Slots => {
    const second = who === lead ? other : lead;
    return { name: who.name, other: second.name, topic: reading.topic, pos: possessive(who.pronoun), otherPos: possessive(second.pronoun) };
  };
  // In a character's mouth "his arm" becomes "the arm": the speaker may be the "he".
  const spokenTopic = cjk ? reading.topic : reading.topic.replace(/^(his|her|their)\b/i, 'the');
  const spoken = (who: CastMember = lead): Slots => ({ ...slots(who), topic: spokenTopic });
  const alone = other === lead;
  // Sent away by the player this turn ("Go home, Wren"): the lead answers, then goes.
  const departing = lead.present && lead.character.id !== '' && sentAwayIn([lead.character], context.playerInput).length > 0;
  // Someone not in the scene acts only after an entrance in this reply has brought them in.
  const here = (who: CastMember): boolean => who.present || parts.some((p) => p.kind === 'entrance' && p.text.includes(who.name));
  const names = { user: persona.name, char: lead.character.name || lead.name };
  const lore = loreFor(context);
  // The player's subject: lore and lines sharing its words come first, an unrelated fact never.
  const words = topicWords(context.playerInput, pack, persona.name, cjk);
  const dormant = pack.lore.filter((l) => l.enabled && l.text.trim());
  const focus = topicWords(reading.topic, pack, persona.name, cjk);
  const topical = topicalLore([...lore.touched, ...lore.other], dormant, new Set(lore.touched), words, focus, context);

  // Ambient and interior beats composed from parts; they name only someone in the scene.
  const ambient = ambientOf(pack, cjk);
  const inner = interiorOf(cjk);
  const castNames = cast.map((c) => c.name).filter((n) => n.length > 0);
  const inScene = (s: Slots): Slots => {
    const present = (n: string): boolean => n !== '' && cast.some((c) => c.name === n && here(c));
    return { ...s, name: present(s.name) ? s.name : '', other: present(s.other) && s.other !== s.name ? s.other : '' };
  };
  // Hundreds of compositions: a seeded handful of the untold ones is weighed (and framed), not every one.
  const handful = (compose: (s: Slots) => string[], s: Slots): string[] => {
    const all = compose(s);
    // Two beats ending alike in one reply or the last few ("..., and the moment passes") read as a
    // formula, and a name ending one ("，陈伯朝那边看了一眼。陈伯……") runs into a repeat of the last reply.
    // Whoever it names: "，云娘在一旁看着" after "，祁寒在一旁看着" is the same ending.
    const unnamed = (t: string): string => castNames.reduce((x, n) => x.split(n).join('\u0001'), t);
    const said = unnamed([...parts.map((p) => p.text), ...recent.slice(-3)].join('\n'));
    const endsLikeOne = (o: string): boolean => {
      const end = /[,，][^,，]{6,}$/u.exec(unnamed(o))?.[0].replace(/[.。]$/u, '');
      return end !== undefined && said.includes(end);
    };
    // Drawn at random and checked as drawn: the hundreds not drawn cost nothing.
    const pool = all.map((_, i) => i);
    const picked: number[] = [];
    while (picked.length < HANDFUL && pool.length > 0) {
      const [i] = pool.splice(Math.floor(random() * pool.length), 1);
      if (!told.holds(all[i]) && !endsLikeOne(all[i])) picked.push(i);
    }
    return F((x: Slots) => {
      const options = compose(x);
      return picked.map((i) => options[i]);
    }, s);
  };
  const sensoryOptions = (): string[] => [...F(T.sensory, slots()), ...handful(ambient, inScene(slots()))];
  const interiorOptions = (who: CastMember = lead): string[] => [...F(T.interior, slots(who)), ...handful(inner, inScene(slots(who)))];
  // On a wharf or a hillside, no board creaks and no one knocks at the door.
  const open = outdoors(context);
  const sentence = (kind: PartKind, options: readonly string[]): ComposedPart | undefined => {
    const placed = open && AMBIENT.has(kind) ? options.filter((o) => !NEEDS_ROOM.test(o)) : options;
    // Texture the story has told word for word is left out, not told again: composed beats fill the room.
    const text = choose(SKIPPABLE.has(kind) && !relaxed ? placed.filter((o) => !told.has(o)) : placed, !FALLBACK_KINDS.has(kind));
    return text ? { kind, text } : undefined;
  };
  const lineOf = (who: CastMember): string | undefined => {
    // A quirk already shown in this reply is not shown again by a line ("*他用指节轻叩桌面。*").
    const shown = who.quirks.map((q) => T.quirk(who.name, q)).filter((q) => q && parts.some((p) => p.text.includes(q)));
    const lines = who.lines.filter((l) => !shown.some((q) => new RecentReplies([q], cjk, 5).repeats(l)) && !saidLately(l));
    // A line on the player's subject ("the hill", "the trees") is said before any other.
    const topicalLines = lines.filter((l) => shared(l, words) > 0);
    const onSubject = topicalLines.length > 0 ? choose(topicalLines) : undefined;
    // At an emotional pivot (tears, grief, a confession) a stock line on something else ("You still
    // hum when you're lying") answers the moment with a non-sequitur: a gesture or silence serves.
    return plan.pivot ? onSubject : (onSubject ?? choose(lines));
  };
  const speech = (who: CastMember, withQuirk: boolean): ComposedPart | undefined => {
    const line = lineOf(who);
    // A quirk shown word for word before is shown no more: the line alone speaks for them.
    let quirk = withQuirk ? choose(who.quirks.map((q) => T.quirk(who.name, q)).filter((q) => relaxed || !told.has(q))) : undefined;
    // Authors often put the quirk in the line too ("*She turns her ring.*"); then the line alone shows it.
    if (quirk && line && new RecentReplies([quirk], cjk, 5).repeats(line)) quirk = undefined;
    // "gestures with his bandaged hands and winces" before "*He raises a bandaged hand ... and winces.*": one wince.
    if (quirk && line && [...motifs(quirk, cjk)].some((m) => motifs(line, cjk).has(m))) quirk = undefined;
    if (!line) return quirk ? { kind: 'speech', text: quirk } : undefined;
    // "*He looks out at the harbor.*" right after someone else's sentence would be read as theirs:
    // without a quirk naming them first, the action line names its own subject.
    const named = quirk ? line : nameActor(line, who.name, cjk);
    // The raw line is spent too: its named form would not match it on a second pick.
    used.add(line);
    // A second line of the same speaker in one reply is not introduced with the same words again.
    const again = parts.some((p) => p.kind === 'speech' && p.text.includes(who.name));
    if (quirk) return ok(`${quirk}${T.space}${line}`) ? { kind: 'speech', text: `${quirk}${T.space}${line}` } : undefined;
    // Attributions vary too: the one used longest ago ("Wren adds," rather than another "After a moment").
    const text = choose(T.speak(who.name, named, T.manner(who.character.voice), again), false);
    return text ? { kind: 'speech', text } : undefined;
  };
  const ack = (): ComposedPart | undefined => {
    if (!reading.present) return undefined;
    const s = slots();
    // "ok" or "hmm" is taken as an answer or a silence, never quoted back.
    if (reading.terse) return sentence('ack', F(T.ackTerse, { ...s, terse: reading.terse }));
    const tries: string[][] = [];
    // "I shake my head": the head is not what happened; "shaking your head" is.
    if (reading.topic && !(reading.doing && BODY.test(reading.topic))) {
      const options = reading.question ? F(T.ackQuestion, spoken()) : reading.telling ? F(T.ackTold, s) : F(T.ackAction, s);
      // Asked about "the Regent", the Regent does not repeat her own title back as if it were yours.
      tries.push(namesSpeakerOrPlayer(reading.topic, lead) ? options.filter((o) => !/^["“]/.test(o)) : options);
    }
    // "Who is Ilsa?" is not repeated back by Ilsa herself.
    // A name given this turn is taken up as a name ("Kit," Wren says): "My name is Kit" is not echoed too.
    if (
      reading.echo &&
      !namesSpeakerOrPlayer(reading.echo, lead) &&
      !(memory?.recalled.kind === 'name' && memory.fact.turn === context.turn)
    )
      tries.push(F(T.ackEcho, { ...s, topic: reading.echo }));
    // A one-character Chinese topic ("刀") carries less of the player's words than their clause.
    // "Asking Ilsa, then," said of Ilsa herself reads wrong: the question is acknowledged instead.
    if (reading.doing && !namesSpeakerOrPlayer(reading.doing, lead) && !(reading.question && /^asking\b/i.test(reading.doing)))
      tries.splice(cjk && reading.topic.length < 2 ? 0 : tries.length, 0, F(T.ackDoing, { ...s, topic: reading.doing }));
    // What echoes the player's own words comes first, in a frame not used lately; a plain nod is the last resort.
    for (const options of tries) {
      const text = choose(options, true, true);
      if (text) return { kind: 'ack', text };
    }
    for (const options of tries) {
      const text = choose(options);
      if (text) return { kind: 'ack', text };
    }
    for (const options of tries) {
      const text = choose(options, false);
      if (text) return { kind: 'ack', text };
    }
    return sentence('ack', F(T.ackPlain, s));
  };
  const recall = (): ComposedPart | undefined => {
    if (!memory) return undefined;
    const fact = memory.recalled;
    // "Your aunt," is not said by the aunt herself, nor "Wren's sister" by Wren: someone else takes it up.
    if (fact.kind === 'kin' && namesSpeakerOrPlayer(fact.person, lead)) return undefined;
    const options = T.recall({ ...slots(), fact, just: memory.fact.turn === context.turn });
    const text = choose(options) ?? choose(options, false);
    return text ? { kind: 'recall', text } : undefined;
  };
  /** The best sentence on the player's subject not told lately, from another entry than `skip`'s. */
  let answeredFrom: LoreEntry | undefined;
  // An answer may tell again what the player asks again; a note beside it (`untold`) only what is new.
  const onTopic = (maxWords: number, skip?: LoreEntry, untold = false): { entry: LoreEntry; text: string } | undefined => {
    const found = topical.filter(
      (l) => l.entry !== skip && ok(l.text) && isFresh(l.text) && !toldLately(l.text) && roughTokens(l.text, cjk) <= maxWords,
    );
    return found.find((l) => !told.has(l.text)) ?? (untold ? undefined : found[0]);
  };
  /**
   * The first sentence of `entries` never told in this story, else the first not told lately,
   * skipping `skip` entries: an entry's first sentence would otherwise be the only one ever told.
   */
  const freshLore = (entries: LoreEntry[], skip = 0, maxWords = 40): string => {
    const options = entries
      .slice(skip)
      .flatMap((entry) => loreSentences(entry, context))
      .filter((w) => ok(w) && isFresh(w) && !toldLately(w) && roughTokens(w, cjk) <= maxWords);
    return options.find((w) => !toldEver(w)) ?? (relaxed ? options[0] : undefined) ?? '';
  };
  const playerForm = persona.name.trim().toLowerCase();
  // Words the pack capitalises in mid-sentence are names ("Dunmarrow", "Queen"); others lower
  // when a sentence is told on after a comma ("The way Wren tells it, money in Dunmarrow ...").
  const packText = [pack.setting, ...pack.lore.map((l) => l.text), ...pack.characters.map((c) => c.name)].join(' ');
  const lowerLead = (detail: string): string => {
    const first = /^([A-Z][a-z'’-]*)\b/.exec(detail)?.[1];
    if (!first || first === 'I') return detail;
    const proper = new RegExp(`[a-z,;:]\\s+${first}\\b`).test(packText) || pack.characters.some((c) => c.name.split(/\s+/).includes(first));
    return proper ? detail : first.toLowerCase() + detail.slice(first.length);
  };
  /** True when a sentence names the speaker or the player: it cannot be said to the player by the speaker. */
  const namesSpeakerOrPlayer = (text: string, who: CastMember): boolean => {
    const lower = text.toLowerCase();
    const forms = [who.name, who.character.name, ...who.character.aliases].filter((f) => f.trim().length > 1).map((f) => f.toLowerCase());
    return forms.some((f) => lower.includes(f)) || (playerForm.length > 1 && lower.includes(playerForm));
  };
  /** One sentence of lore in the answering character's voice, or told by the narration for them. */
  const answer = (): ComposedPart | undefined => {
    if (!reading.question) return undefined;
    // "Who is Ilsa?": what the pack says of her; told by the narration when she is the one asked.
    const person = whoIsAsked(context.playerInput, pack);
    const described = person ? describe(person, persona.name, cjk) : '';
    if (person && described && ok(described)) {
      const s = { ...slots(), detail: described };
      const said = person.id === lead.character.id || namesSpeakerOrPlayer(described, lead) ? [] : F(T.answerSpoken, s);
      const text = choose(said) ?? choose([described]) ?? choose([...said, described], false);
      if (text) return { kind: 'answer', text };
    }
    const found = onTopic(40);
    const detail = found?.text;
    answeredFrom = found?.entry;
    if (detail) {
      const s = { ...slots(), detail: T.terminate(detail) };
      const told = F(T.answerNarrated, { ...s, detail: cjk ? s.detail : lowerLead(s.detail) });
      const said = namesSpeakerOrPlayer(detail, lead) ? [] : F(T.answerSpoken, s);
      // Asked something, the player hears a voice answer when one can: told by the narration
      // alone, the answer can leave the reply without a word spoken to them.
      const text = choose(said) ?? choose(told) ?? choose([...said, ...told], false);
      if (text) return { kind: 'answer', text };
    }
    return sentence('answer', F(T.noAnswer, slots()));
  };
  const loreNote = (): ComposedPart | undefined => {
    const detail = onTopic(30, answeredFrom, true)?.text;
    if (!detail) return undefined;
    const leadIn = choose(F(T.loreLead, slots()));
    return { kind: 'lore', text: leadIn ? `${leadIn}${T.space}${T.terminate(detail)}` : T.terminate(detail) };
  };
  /**
   * A line of active lore, the player's subject or not, as background: it counts as the setting.
   * It fills a reply that would end short, which is what repeated sensory beats did before.
   */
  const quietLore = (): ComposedPart | undefined => {
    const detail = freshLore([...lore.other, ...lore.touched], 0, 26);
    return detail && !clashes(detail) ? { kind: 'setting', text: T.terminate(detail) } : undefined;
  };
  const thread = (): ComposedPart | undefined => {
    if (!plan.thread?.beat?.trim()) return undefined;
    const beatText = T.terminate(resolveMacros(plan.thread.beat, names));
    const leadIn = choose(F(T.threadLead, slots()));
    // The beat is what the planner asked for: it is kept even when the narrator said it before.
    return allowed(beatText) ? { kind: 'thread', text: leadIn ? `${leadIn}${T.space}${beatText}` : beatText } : undefined;
  };
  // What the scene is about right now: the opening's scene line, the player's words, the last reply.
  // Common words ("know", "time") would make any sentence fit: only longer stems count.
  const sceneWords = new Set(
    contentTokens([context.opening.scene, context.playerInput].join(' ')).filter((w) => cjk || (w.length >= 4 && !COMMON.has(w))),
  );
  const fit = (detail: string): number =>
    new Set(contentTokens(detail).filter((w) => sceneWords.has(w))).size + ((cjk ? SENSORY_ZH : SENSORY_EN).test(detail) ? 1 : 0);
  /** A short setting detail that fits the scene, not told in the last eight replies. */
  const setting = (): ComposedPart | undefined => {
    const ranked = settingDetails(context, new Set(cast.filter(here).map((c) => c.character.id)))
      .map((d) => T.terminate(d))
      .filter((d) => (relaxed ? !toldLately(d) : !told.has(d)))
      .map((d) => ({ d, score: fit(d) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.d.length - b.d.length);
    return sentence(
      'setting',
      ranked.slice(0, 3).map((x) => x.d),
    );
  };
  /**
   * A reveal tells the player something new: a sentence of the active lore this story has never
   * told (one not naming the speaker or the player first), told by them; only when every one is told, a hint at
   * their secret, which alone came back every reveal with the same words.
   */
  const reveal = (): ComposedPart | undefined => {
    // The sentences on the player's subject are the answer's and the lore note's to tell.
    const onSubject = new Set(topical.map((l) => l.text));
    // An entry always active is the weather of the scene ("the harvest flour is being ground"): no news.
    const untold = [...lore.touched, ...lore.other]
      .filter((entry) => !entry.constant)
      .flatMap((entry) => loreSentences(entry, context))
      .filter((w) => !onSubject.has(w) && !toldEver(w) && ok(w) && isFresh(w) && roughTokens(w, cjk) <= 30);
    const detail = untold.find((w) => !namesSpeakerOrPlayer(w, lead)) ?? untold[0];
    const told = detail
      ? sentence('reveal', F(T.revealTold, { ...slots(), detail: T.terminate(cjk ? detail : lowerLead(detail)) }))
      : undefined;
    if (told) return told;
    const who = [lead, other].find((c) => here(c) && c.character.secrets.length > 0) ?? lead;
    const secret =
      who.character.secrets.map((s) => nounPhrase(resolveMacros(s, names), pack, cjk)).find((n) => n) ?? (cjk ? '往事' : 'the past');
    return sentence('reveal', F(T.revealHint, { ...slots(who), secret }));
  };
  /**
   * Goals are written about the character ("keep his sister out of debt"): one that speaks of them
   * in the third person, or names the player or the character, is narrated; only a goal that reads
   * right in the first person may be spoken; one kept from the player is neither.
   */
  const goal = (): ComposedPart | undefined => sentence('goal', goalOptions(lead, lead.character.goals));
  /**
   * The planner's goal move (a waiting player, the threads spent or still landing): the reply is
   * about what that character wants, told whatever the beat. Without it, forty turns of "Ezra acts
   * on a goal" were ambient beats and one of four questions, and nothing of the goal.
   */
  const goalMove = (): ComposedPart | undefined => {
    const move = plan.goal;
    if (!move) return undefined;
    const who = cast.find((c) => c.character.id === move.actor && here(c));
    if (!who) return undefined;
    // In words not told before: once every wording of this goal was told, the reply goes without it
    // (told again and again, the goal's few sentences raised a terse player's share told before).
    const text = choose(goalOptions(who, [move.goal]).filter((o) => !told.has(o)));
    return text ? { kind: 'goal', text } : undefined;
  };
  const goalOptions = (who: CastMember, raw: readonly string[]): string[] => {
    const goals = raw.map((g) =>
      resolveMacros(g, names)
        .trim()
        .replace(/[.。!！]+$/, '')
        .replace(/^to\s+/i, ''),
    );
    const shaped = cjk ? goals : goals.map((g) => (/^[A-Z][a-z]/.test(g) && !/^I\b/.test(g) ? g.charAt(0).toLowerCase() + g.slice(1) : g));
    return shaped
      .filter((g) => g && !(cjk ? CONCEALED_ZH : CONCEALED_EN).test(g))
      .flatMap((g) => {
        const thirdPerson = (cjk ? THIRD_PERSON_ZH : THIRD_PERSON_EN).test(g) || namesSpeakerOrPlayer(g, who);
        // Told in the second person, the player is "you" in a goal too ("to keep you close").
        const told =
          playerForm.length > 1
            ? g.replace(new RegExp(`\\b${escapeRegExp(persona.name.trim())}(['’]s)?\\b`, 'g'), (_m, own) => (own ? 'your' : 'you'))
            : g;
        const s = { ...slots(who), goal: cjk ? (persona.name.trim() ? g.split(persona.name.trim()).join('你') : g) : told };
        return thirdPerson ? F(T.goalNarrated, s) : [...F(T.goalLine, s), ...F(T.goalNarrated, s)];
      });
  };

  // The beat decides what happens; the cadence decides the texture around it.
  const plans: Record<string, Array<() => ComposedPart | undefined>> = {
    escalate: [() => sentence('event', F(T.event, slots())), () => speech(lead, true), () => sentence('stakes', F(T.stakes, slots()))],
    complicate: [
      () =>
        alone
          ? sentence('event', F(T.event, slots()))
          : other.present
            ? sentence('complication', F(T.complication, slots()))
            : sentence('entrance', F(T.entrance, slots())),
      () => (here(other) ? speech(other, false) : undefined),
      () => sentence('stakes', F(T.stakes, slots())),
    ],
    reveal: [reveal, () => speech(lead, false), () => sentence('interior', interiorOptions())],
    breathe: [() => sentence('sensory', sensoryOptions()), () => sentence('interior', interiorOptions()), () => speech(lead, true)],
    deepen: [() => sentence('interior', interiorOptions()), goal, () => speech(lead, false)],
    resolve: [() => sentence('resolve', F(T.resolve, slots())), () => speech(lead, true), () => sentence('interior', interiorOptions())],
  };
  const beatSteps = plans[beat] ?? plans.deepen;
  const texture: Array<() => ComposedPart | undefined> =
    mode === 'slow'
      ? [() => sentence('sensory', sensoryOptions()), () => sentence('interior', interiorOptions(here(other) ? other : lead))]
      : mode === 'bold'
        ? [() => sentence('stakes', F(T.stakes, slots())), () => sentence('event', F(T.event, slots()))]
        : [setting];

  // Different candidates open differently: with the player's move, the place, or the beat itself.
  const openers: Array<() => ComposedPart | undefined> =
    mode === 'bold'
      ? [beatSteps[0], ack, thread]
      : mode === 'slow'
        ? [() => sentence('sensory', sensoryOptions()), ack, setting]
        : [ack, setting, beatSteps[0]];
  const first = openers[index % openers.length];
  const sensory = (): ComposedPart | undefined => sentence('sensory', sensoryOptions());
  const lone: Array<() => ComposedPart | undefined> = [() => sentence('ack', F(T.aloneAck, slots())), thread, quietLore, setting, sensory];
  const ordered = solitary ? lone : [first, ack, recall, answer, thread, goalMove, loreNote, ...beatSteps, ...texture];
  const filler: Array<() => ComposedPart | undefined> = solitary
    ? [setting, sensory, quietLore, sensory]
    : [
        setting,
        () => (here(other) ? speech(other, true) : undefined),
        () => sentence('sensory', sensoryOptions()),
        () => sentence('interior', interiorOptions()),
        () => speech(lead, false),
        setting,
        () => sentence('sensory', sensoryOptions()),
      ];

  const [min, max] = plan.targetLength;
  const goalTokens = min + (max - min) * (mode === 'slow' ? 0.22 : 0.3);
  // Whoever stays asks what comes next; with no one left, the leaving ends the reply.
  const stays = departing ? cast.find((c) => c !== lead && c.present) : undefined;
  const leaving = departing ? sentence('departure', F(T.departure, slots())) : undefined;
  const departurePart = stays ? leaving : undefined;
  const hookPart = solitary
    ? sentence('hook', F(T.aloneHook, slots()))
    : departing && !stays && leaving
      ? { kind: 'hook' as const, text: leaving.text }
      : hook();
  const hookTokens = hookPart ? roughTokens(hookPart.text, cjk) : 0;
  let tokens = 0;
  let limitScale = 1;
  const essential = new Set<PartKind>(['ack', 'recall', 'answer', 'thread']);
  const add = (step: () => ComposedPart | undefined, room: number): void => {
    const part = step();
    if (!part || used.has(part.text)) return;
    // Alone, a detail naming someone ("the innkeeper keeps the ledger") would put them back in the room.
    if (solitary && mentionedIn(pack, part.text.replace(/"[^"]*"|“[^”]*”/g, ' ')).length > 0) return;
    const sameKind = parts.filter((p) => p.kind === part.kind).length;
    if (sameKind >= Math.min((LIMITS[part.kind] ?? 2) * (HARD_LIMITS.has(part.kind) ? 1 : limitScale), CEILINGS[part.kind] ?? Infinity))
      return;
    const n = roughTokens(part.text, cjk);
    if (!essential.has(part.kind) && tokens + n + hookTokens > room) return;
    // Composite units (a name, a quirk and a line) are checked whole, with what precedes them.
    // Even a reply running short repeats nothing of the six replies the repetition critic reads.
    if (!essential.has(part.kind) && part.kind !== 'thread' && recentGrams.repeats(part.text, tail())) return;
    if (parts.length === 0 && (recentOpenings.has(firstSentence(part.text)) || recentGrams.opensLike(part.text, cjk ? 6 : 4))) {
      // An acknowledgement that would open like a recent reply still belongs in this one, second.
      if (essential.has(part.kind)) deferred.push(part);
      return;
    }
    commit(part, n);
    for (let next = deferred.shift(); next; next = deferred.shift()) commit(next, roughTokens(next.text, cjk));
  };
  const deferred: ComposedPart[] = [];
  const commit = (part: ComposedPart, n: number): void => {
    parts.push(part);
    used.add(part.text);
    for (const s of part.text.split(/(?<=[.!?。！？”"])\s*/)) used.add(s);
    tokens += n;
  };
  // A player left alone is joined by the lead before anything is said or done.
  if (!lead.present && lead.character.id) {
    // Said lately or not, the arrival is told: without it the lead would act from nowhere.
    const options = F(T.arrival, slots());
    const text = choose(options) ?? choose(options, false) ?? options[0];
    if (text) commit({ kind: 'entrance', text }, roughTokens(text, cjk));
  }
  const seen = new Set<() => ComposedPart | undefined>();
  for (const step of ordered) {
    if (seen.has(step)) continue;
    seen.add(step);
    if (tokens + hookTokens >= goalTokens && !isRequired(step)) continue;
    add(step, max);
  }
  for (const step of filler) {
    if (tokens + hookTokens >= goalTokens) break;
    add(step, max);
  }
  // Thin material and a long target: allow more of each kind rather than end short.
  for (let round = 0; round < 3 && tokens + hookTokens < min; round++) {
    limitScale += 1;
    relaxed = round === 2;
    for (const step of [quietLore, ...filler]) {
      if (tokens + hookTokens >= goalTokens) break;
      add(step, max);
    }
  }
  for (const part of deferred) commit(part, roughTokens(part.text, cjk));
  // The hook was written before the body: a run across the seam with the unit it now follows
  // ("……半晌没有说话。陈伯转过身来") is a repeat the critic reads too, so that unit goes.
  const seam = (hookText: string, last: ComposedPart | undefined): boolean =>
    last !== undefined &&
    !essential.has(last.kind) &&
    last.kind !== 'thread' &&
    recentGrams.repeats(hookText, last.text) &&
    !recentGrams.repeats(hookText);
  while (hookPart && seam(hookPart.text, parts[parts.length - 1])) parts.pop();
  if (departurePart) parts.push(departurePart);
  if (hookPart) parts.push(hookPart);
  return { text: layout(parts, T, random, new Set(recent.map(shapeOf))), parts, mode };

  function isRequired(step: () => ComposedPart | undefined): boolean {
    return step === ack || step === recall || step === answer || step === thread || step === goalMove || step === beatSteps[0];
  }

  /**
   * The planner's hook is usually an instruction ("a threat or demand from Wren that Tamsin must
   * answer now"): it picks the kind of ending and who speaks, and is never narrated. Only a
   * literal question, or a thread's authored hook, goes into the story as written.
   */
  function hook(): ComposedPart | undefined {
    const given = resolveMacros(plan.hook ?? '', names).trim();
    const speaker = stays ?? cast.find((c) => here(c) && given && (given.includes(c.character.name) || given.includes(c.name))) ?? lead;
    // "What is the Regent to you?" is not asked by the Regent.
    // Nor is a thing the player only handled asked about ("I shake the rain off my coat" -> "Why your
    // coat, and why now?"): the question frames are for what they asked or told, or for a subject of
    // the story's own they turned to ("I look at the silent wheel").
    const handledOnly = reading.doing !== '' && !reading.question && !reading.telling && !reading.topicKnown;
    const s = handledOnly || namesSpeakerOrPlayer(reading.topic, speaker) ? { ...spoken(speaker), topic: '' } : spoken(speaker);
    if (given && /[?？]$/.test(given) && !INSTRUCTION.test(given)) {
      const from = sentence('hook', F(T.hookFrom, { ...s, hook: given }));
      if (from) return from;
    }
    // A last line the story ended on before, word for word, waits while another is left: its
    // sentences are too short to count as told, and a terse player's story ended on one of four
    // lines nine times in ten after turn forty.
    const untold = (options: string[]): string[] => {
      const left = options.filter((o) => !endedOn.has(o));
      return left.length > 0 ? left : options;
    };
    const questions = untold(F(T.hookQuestion, s));
    const actions = untold(F(T.hookAction, s));
    const wantsAction = QUIET_HOOK.test(given);
    const wantsQuestion = ASKING_HOOK.test(given);
    const preferQuestion =
      !wantsAction && (wantsQuestion || reading.question || mode === 'bold' || (index + Math.floor(random() * 2)) % 2 === 0);
    // The last line is what a player reads most: a frame not used lately, in the kind the planner
    // asked for, or, when it did not ask, of either kind.
    const unusedFrame = (options: readonly string[]): ComposedPart | undefined => {
      const text = choose(options, false, true);
      return text ? { kind: 'hook', text } : undefined;
    };
    const spent = (options: readonly string[]): boolean => options.every((o) => endedOn.has(o));
    // Every line of one kind ended a reply before: when the planner asked for neither, the other kind.
    const flip = !wantsAction && !wantsQuestion && spent(preferQuestion ? questions : actions);
    const preferred = preferQuestion !== flip ? questions : actions;
    let end =
      unusedFrame(preferred) ??
      (wantsAction || wantsQuestion ? undefined : unusedFrame([...questions, ...actions])) ??
      sentence('hook', preferred) ??
      sentence('hook', [...questions, ...actions]);
    if (!end) end = sentence('hook', F(T.hookQuestion, { ...s, topic: '' }));
    const authored = pack.threads.some((t) => resolveMacros(t.hook, names).trim() === given);
    if (end && given && authored && ok(given) && isFresh(given)) {
      end = { kind: 'hook', text: `${T.terminate(given)}${T.space}${end.text}` };
    }
    return end;
  }
}

/** Texture, not the beat: left out once all its options were told in this story (a reply running short excepted). */
const SKIPPABLE = new Set<PartKind>(['sensory', 'interior', 'stakes', 'setting', 'goal']);

/** How many composed beats one unit weighs. */
const HANDFUL = 24;

/** The generic sentences of the place itself, which may need a room. */
const AMBIENT = new Set<PartKind>(['sensory', 'event']);

/** How many replies a character's authored line stays said: a scene's worth and more. */
const LINE_MEMORY = 12;

/**
 * The words of a line as any reply that said it holds them: its longest quoted stretch (the
 * action around it may be told with the speaker's name), or the whole line when it quotes nothing.
 */
function spokenPart(line: string): string {
  const quoted = [...line.matchAll(/"([^"]+)"|“([^”]+)”|「([^」]+)」/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const longest = quoted.sort((a, b) => b.length - a.length)[0] ?? '';
  return longest.trim().length >= 4 ? longest : line;
}

/** However thin the material, more generic beats than this in one reply read as padding. */
const CEILINGS: Partial<Record<PartKind, number>> = { sensory: 3, interior: 3, event: 1, stakes: 1 };
/** Kinds that appear at most once however thin the material: a second one reads as a lecture. */
const HARD_LIMITS = new Set<PartKind>(['entrance', 'setting', 'lore', 'goal', 'reveal', 'answer', 'recall']);

/** How often a kind of unit may appear in one reply, so thin material does not repeat itself. */
const LIMITS: Partial<Record<PartKind, number>> = {
  recall: 1,
  setting: 1,
  stakes: 1,
  lore: 1,
  reveal: 1,
  goal: 1,
  resolve: 1,
  complication: 1,
  entrance: 1,
  sensory: 2,
  interior: 2,
  event: 2,
  speech: 2,
};

/**
 * A reply's paragraph skeleton, as the repetition critic reads it: each paragraph's kind (action,
 * speech, narration) and first word, for three paragraphs or more.
 */
function shapeOf(text: string): string {
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paras.length < 3) return '';
  return paras.map((p) => `${p.startsWith('*') ? 'A' : /^["“「]/u.test(p) ? 'S' : 'N'}:${firstToken(p) ?? ''}`).join('|');
}

/**
 * The hook stands on its own line. Varied material still opens its paragraphs on the same few
 * words ("Wren ...", "Far off, ..."): a cut that gives the skeleton of a recent reply is tried again.
 */
function layout(parts: ComposedPart[], T: Templates, random: () => number, recentShapes: ReadonlySet<string>): string {
  let text = cut(parts, T, random);
  for (let tries = 0; tries < 6 && shapeOf(text) && recentShapes.has(shapeOf(text)); tries++) text = cut(parts, T, random);
  return text;
}

function cut(parts: ComposedPart[], T: Templates, random: () => number): string {
  const body = parts.filter((p) => p.kind !== 'hook');
  const hooks = parts.filter((p) => p.kind === 'hook');
  const paragraphs: string[] = [];
  // Paragraphs of one to three units, by seed, so replies do not all share one skeleton.
  for (let i = 0; i < body.length;) {
    const size = [1, 2, 2, 3, 3][Math.floor(random() * 5)];
    paragraphs.push(
      body
        .slice(i, i + size)
        .map((p) => p.text)
        .join(T.space),
    );
    i += size;
  }
  for (const h of hooks) paragraphs.push(h.text);
  return paragraphs.filter((p) => p.trim()).join('\n\n');
}
