/**
 * Composes one offline reply along a candidate's plan: units of one or two sentences drawn from
 * the pack's authored material and the language's templates, chosen by a seed, ordered by the
 * beat, textured by the cadence, kept near the target length, filtered against the laws and the
 * narrator's recent replies, and ended on a hook the player can answer.
 */
import type { CandidateRequest, NarrationContext } from '../../engine/types.js';
import type { LoreEntry } from '../../world/types.js';
import { hashSeed, seededRandom } from '../../engine/random.js';
import { resolveMacros } from '../../engine/macros.js';
import { castFor, isCjkPack, lawFilter, splitSentences, loreWindows, loreFor, roughTokens, settingDetails, type CastMember } from './material.js';
import { nounPhrase, readInput } from './input.js';
import { RecentReplies } from './recent.js';
import { speaksForUser } from '../../engine/critics/speaks-for-user.js';
import type { CriticContext } from '../../engine/critics/context.js';
import { en } from './templates/en.js';
import { zh } from './templates/zh.js';
import type { Slots, Templates } from './templates/types.js';

export type PartKind =
  | 'ack' | 'answer' | 'lore' | 'thread' | 'event' | 'complication' | 'stakes' | 'sensory' | 'setting'
  | 'interior' | 'speech' | 'reveal' | 'goal' | 'resolve' | 'hook';

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

// Narrating the player's speech, thoughts or decisions, even inside an authored line, is refused.
const FOR_PLAYER_EN = /\byou\s+(say|said|says|think|thought|feel|felt|decide|decided|realize|realise|wonder|whisper|reply|answer|nod|smile)\b/i;
const FOR_PLAYER_ZH = /你(说道|心想|觉得|感到|决定|想到|意识到|回答)/;
/** Kinds that may repeat an old sentence rather than be left out. */
const FALLBACK_KINDS = new Set<PartKind>(['ack', 'answer', 'hook']);
// The "not X, but Y" turn marks machine prose even in authored lines; such lines are passed over.
const NOT_BUT = /\bnot\b[^.!?;:"“”]{1,40},\s*but\b|不是[^，。！？]{1,12}，而是/iu;
const INSTRUCTION = /^(end|ask|leave|close|finish|give|let|offer|make|have|with|on|something|a|an|the new turn)\b/i;

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
  const T: Templates = cjk ? zh : en;
  const random = seededRandom(hashSeed(baseSeed, context.seed, context.turn, index, request.variant?.label ?? '', context.playerInput));
  const allowed = lawFilter(pack);
  const forPlayer = cjk ? FOR_PLAYER_ZH : FOR_PLAYER_EN;
  const playerName = persona.name.trim().toLowerCase();
  const recent = context.history.filter((m) => m.role === 'narrator').slice(-6).map((m) => m.text);
  const recentOpenings = new Set(recent.map((r) => firstSentence(r)));
  const recentGrams = new RecentReplies(recent, cjk);
  const lastTwo = new RecentReplies(recent.slice(-2), cjk);
  const guardContext: CriticContext = { pack, persona, playerInput: '', recentReplies: [], history: [], facts: [], turn: context.turn };
  const used = new Set<string>();

  // Any sentence of a unit that starts with the player's name narrates them (quoted address is fine).
  const startsWithPlayer = (text: string): boolean =>
    playerName.length > 0 && splitSentences(text).some((s) => s.replace(/^[*\s]+/, '').toLowerCase().startsWith(playerName));
  const ok = (text: string): boolean =>
    text.trim().length > 0 && allowed(text) && !forPlayer.test(text) && !startsWithPlayer(text) && !NOT_BUT.test(text) &&
    !speaksForUser(text, guardContext).flagged;
  const parts: ComposedPart[] = [];
  /** Set when the reply would end short: old sentences may then return rather than leave a gap. */
  let relaxed = false;
  // Fresh: not in this reply so far (an example line is never spoken twice) nor in recent replies.
  // Checked with the tail of the previous unit too: two short sentences can repeat a run together.
  const tail = (): string => parts[parts.length - 1]?.text ?? '';
  // Within the reply a shorter run counts (the repetition critic's five words, eight CJK characters).
  const repeatsWithin = (text: string): boolean =>
    parts.length > 0 && new RecentReplies(parts.map((p) => p.text), cjk, cjk ? 8 : 5).repeats(text);
  const isFresh = (text: string): boolean =>
    !used.has(text) && !parts.some((p) => p.text.includes(text)) && !recentGrams.repeats(text, tail()) && !repeatsWithin(text);
  /**
   * A seeded pick among clean options not said recently. Optional units (`strict`) are skipped
   * when every option would repeat; the acknowledgement and the hook fall back to a reuse.
   */
  const choose = (options: readonly string[], strict = true): string | undefined => {
    const clean = options.filter(ok);
    const fresh = clean.filter(isFresh);
    const unused = (o: string) => !used.has(o) && !parts.some((p) => p.text.includes(o));
    // Even a reply running short does not repeat the last two replies.
    const pool = fresh.length > 0 || (strict && !relaxed) ? fresh : clean.filter((o) => unused(o) && (!strict || !lastTwo.repeats(o)));
    if (pool.length === 0) return undefined;
    const pickIndex = Math.floor(random() * pool.length) % pool.length;
    return pool[pickIndex];
  };

  const reading = readInput(context.playerInput, pack, cjk);
  const cast = castFor(context, plan, index, reading.addressed, T.quote);
  const stranger: CastMember = {
    character: { id: '', name: '', aliases: [], persona: '', voice: '', quirks: [], goals: [], secrets: [], relations: {}, examples: [] },
    name: cjk ? '一个陌生人' : 'A stranger', lines: [], quirks: [], present: true,
  };
  const lead = cast[0] ?? stranger;
  const other = cast[1] ?? lead;
  const slots = (who: CastMember = lead): Slots => ({ name: who.name, other: (who === lead ? other : lead).name, topic: reading.topic });
  // In a character's mouth "his arm" becomes "the arm": the speaker may be the "he".
  const spokenTopic = cjk ? reading.topic : reading.topic.replace(/^(his|her|their)\b/i, 'the');
  const spoken = (who: CastMember = lead): Slots => ({ ...slots(who), topic: spokenTopic });
  const alone = other === lead;
  const names = { user: persona.name, char: lead.character.name || lead.name };
  const lore = loreFor(context);

  const sentence = (kind: PartKind, options: readonly string[]): ComposedPart | undefined => {
    const text = choose(options, !FALLBACK_KINDS.has(kind));
    return text ? { kind, text } : undefined;
  };
  const lineOf = (who: CastMember): string | undefined => choose(who.lines);
  const speech = (who: CastMember, withQuirk: boolean): ComposedPart | undefined => {
    const line = lineOf(who);
    let quirk = withQuirk ? choose(who.quirks.map((q) => T.quirk(who.name, q))) : undefined;
    // Authors often put the quirk in the line too ("*She turns her ring.*"); then the line alone shows it.
    if (quirk && line && new RecentReplies([quirk], cjk, cjk ? 8 : 5).repeats(line)) quirk = undefined;
    if (!line) return quirk ? { kind: 'speech', text: quirk } : undefined;
    const text = quirk ? `${quirk}${T.space}${line}` : T.speak(who.name, line, T.manner(who.character.voice));
    return ok(text) ? { kind: 'speech', text } : undefined;
  };
  const ack = (): ComposedPart | undefined => {
    if (!reading.present) return undefined;
    const s = slots();
    const tries: string[][] = [];
    if (reading.topic) tries.push(reading.question ? T.ackQuestion(spoken()) : T.ackAction(s));
    if (reading.echo) tries.push(T.ackEcho({ ...s, topic: reading.echo }));
    // A one-character Chinese topic ("刀") carries less of the player's words than their clause.
    if (reading.doing) tries.splice(cjk && reading.topic.length < 2 ? 0 : tries.length, 0, T.ackDoing({ ...s, topic: reading.doing }));
    // What echoes the player's own words comes first; a plain nod is the last resort.
    for (const options of tries) {
      const text = choose(options);
      if (text) return { kind: 'ack', text };
    }
    for (const options of tries) {
      const text = choose(options, false);
      if (text) return { kind: 'ack', text };
    }
    return sentence('ack', T.ackPlain(s));
  };
  /** The first piece of touched lore (up to two sentences) not told lately, skipping `skip` entries. */
  const freshLore = (entries: LoreEntry[], skip = 0): string => {
    for (const entry of entries.slice(skip)) {
      const window = loreWindows(entry, context).find((w) => ok(w) && isFresh(w));
      if (window) return window;
    }
    return '';
  };
  const answer = (): ComposedPart | undefined => {
    if (!reading.question) return undefined;
    const detail = freshLore(lore.touched);
    if (detail) {
      const leadIn = choose(T.answerLead(slots()));
      const spokenDetail = T.quote(T.terminate(detail));
      return { kind: 'answer', text: leadIn ? `${leadIn}${T.space}${spokenDetail}` : spokenDetail };
    }
    return sentence('answer', T.noAnswer(slots()));
  };
  const loreNote = (): ComposedPart | undefined => {
    const detail = freshLore(lore.touched, reading.question ? 1 : 0);
    if (!detail) return undefined;
    const leadIn = choose(T.loreLead(slots()));
    return { kind: 'lore', text: leadIn ? `${leadIn}${T.space}${T.terminate(detail)}` : T.terminate(detail) };
  };
  /** An active lore entry the player did not touch, as background. */
  const quietLore = (): ComposedPart | undefined => {
    const detail = freshLore(lore.other);
    return detail ? { kind: 'lore', text: T.terminate(detail) } : undefined;
  };
  const thread = (): ComposedPart | undefined => {
    if (!plan.thread?.beat?.trim()) return undefined;
    const beatText = T.terminate(resolveMacros(plan.thread.beat, names));
    const leadIn = choose(T.threadLead(slots()));
    // The beat is what the planner asked for: it is kept even when the narrator said it before.
    return allowed(beatText) ? { kind: 'thread', text: leadIn ? `${leadIn}${T.space}${beatText}` : beatText } : undefined;
  };
  const setting = (): ComposedPart | undefined => sentence('setting', settingDetails(context).map((d) => T.terminate(d)));
  const reveal = (): ComposedPart | undefined => {
    const who = [lead, other].find((c) => c.character.secrets.length > 0) ?? lead;
    const secret = who.character.secrets.map((s) => nounPhrase(resolveMacros(s, names), pack, cjk)).find((n) => n) ?? (cjk ? '往事' : 'the past');
    return sentence('reveal', T.revealHint({ ...slots(who), secret }));
  };
  const goal = (): ComposedPart | undefined => {
    const goals = lead.character.goals.map((g) => resolveMacros(g, names).trim().replace(/[.。!！]+$/, ''));
    const shaped = cjk ? goals : goals.map((g) => (/^[A-Z][a-z]/.test(g) && !/^I\b/.test(g) ? g.charAt(0).toLowerCase() + g.slice(1) : g));
    return sentence('goal', shaped.flatMap((g) => T.goalLine({ ...slots(), goal: g })));
  };

  // The beat decides what happens; the cadence decides the texture around it.
  const plans: Record<string, Array<() => ComposedPart | undefined>> = {
    escalate: [() => sentence('event', T.event(slots())), () => speech(lead, true), () => sentence('stakes', T.stakes(slots()))],
    complicate: [
      () => (alone ? sentence('event', T.event(slots())) : sentence('complication', T.complication(slots()))),
      () => speech(other, false), () => sentence('stakes', T.stakes(slots())),
    ],
    reveal: [reveal, () => speech(lead, false), () => sentence('interior', T.interior(slots()))],
    breathe: [() => sentence('sensory', T.sensory(slots())), () => sentence('interior', T.interior(slots())), () => speech(lead, true)],
    deepen: [() => sentence('interior', T.interior(slots())), goal, () => speech(lead, false)],
    resolve: [() => sentence('resolve', T.resolve(slots())), () => speech(lead, true), () => sentence('interior', T.interior(slots()))],
  };
  const beatSteps = plans[beat] ?? plans.deepen;
  const texture: Array<() => ComposedPart | undefined> =
    mode === 'slow'
      ? [() => sentence('sensory', T.sensory(slots())), () => sentence('interior', T.interior(slots(other.present ? other : lead)))]
      : mode === 'bold'
        ? [() => sentence('stakes', T.stakes(slots())), () => sentence('event', T.event(slots()))]
        : [setting];

  // Different candidates open differently: with the player's move, the place, or the beat itself.
  const openers: Array<() => ComposedPart | undefined> =
    mode === 'bold' ? [beatSteps[0], ack, thread] : mode === 'slow' ? [() => sentence('sensory', T.sensory(slots())), ack, setting] : [ack, setting, beatSteps[0]];
  const first = openers[index % openers.length];
  const ordered = [first, ack, answer, thread, loreNote, ...beatSteps, ...texture];
  const filler: Array<() => ComposedPart | undefined> = [
    setting, () => (other.present ? speech(other, true) : undefined), () => sentence('sensory', T.sensory(slots())), () => sentence('interior', T.interior(slots())),
    () => speech(lead, false), setting, () => sentence('sensory', T.sensory(slots())),
  ];

  const [min, max] = plan.targetLength;
  const goalTokens = min + (max - min) * (mode === 'slow' ? 0.22 : 0.3);
  const hookPart = hook();
  const hookTokens = hookPart ? roughTokens(hookPart.text, cjk) : 0;
  let tokens = 0;
  let limitScale = 1;
  const essential = new Set<PartKind>(['ack', 'answer', 'thread']);
  const add = (step: () => ComposedPart | undefined, room: number): void => {
    const part = step();
    if (!part || used.has(part.text)) return;
    const sameKind = parts.filter((p) => p.kind === part.kind).length;
    if (sameKind >= (LIMITS[part.kind] ?? 2) * limitScale) return;
    const n = roughTokens(part.text, cjk);
    if (!essential.has(part.kind) && tokens + n + hookTokens > room) return;
    // Composite units (a name, a quirk and a line) are checked whole, with what precedes them.
    if (!essential.has(part.kind) && part.kind !== 'thread' && (relaxed ? lastTwo : recentGrams).repeats(part.text, tail())) return;
    if (parts.length === 0 && (recentOpenings.has(firstSentence(part.text)) || recentGrams.opensLike(part.text, cjk ? 6 : 4))) {
      // An acknowledgement that would open like a recent reply still belongs in this one, second.
      if (essential.has(part.kind)) deferred.push(part);
      return;
    }
    commit(part, n);
    while (deferred.length > 0) {
      const next = deferred.shift()!;
      commit(next, roughTokens(next.text, cjk));
    }
  };
  const deferred: ComposedPart[] = [];
  const commit = (part: ComposedPart, n: number): void => {
    parts.push(part);
    used.add(part.text);
    for (const s of part.text.split(/(?<=[.!?。！？”"])\s*/)) used.add(s);
    tokens += n;
  };
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
  if (hookPart) parts.push(hookPart);
  return { text: layout(parts, T, random), parts, mode };

  function isRequired(step: () => ComposedPart | undefined): boolean {
    return step === ack || step === answer || step === thread || step === beatSteps[0];
  }

  /**
   * The planner's hook is usually an instruction ("a threat or demand from Wren that Tamsin must
   * answer now"): it picks the kind of ending and who speaks, and is never narrated. Only a
   * literal question, or a thread's authored hook, goes into the story as written.
   */
  function hook(): ComposedPart | undefined {
    const given = resolveMacros(plan.hook ?? '', names).trim();
    const speaker = cast.find((c) => given && (given.includes(c.character.name) || given.includes(c.name))) ?? lead;
    const s = spoken(speaker);
    if (given && /[?？]$/.test(given) && !INSTRUCTION.test(given)) {
      const from = sentence('hook', T.hookFrom({ ...s, hook: given }));
      if (from) return from;
    }
    const questions = T.hookQuestion(s);
    const actions = T.hookAction(s);
    const wantsAction = QUIET_HOOK.test(given);
    const wantsQuestion = ASKING_HOOK.test(given);
    const preferQuestion = !wantsAction && (wantsQuestion || (reading.question || mode === 'bold' || (index + Math.floor(random() * 2)) % 2 === 0));
    let end = sentence('hook', preferQuestion ? questions : actions) ?? sentence('hook', [...questions, ...actions]);
    if (!end) end = sentence('hook', T.hookQuestion({ ...s, topic: '' }));
    const authored = pack.threads.some((t) => resolveMacros(t.hook, names).trim() === given);
    if (end && given && authored && ok(given) && isFresh(given)) {
      end = { kind: 'hook', text: `${T.terminate(given)}${T.space}${end.text}` };
    }
    return end;
  }
}

// What the planner's hook text asks for, in either language.
const ASKING_HOOK = /question|demand|threat|choose|choice|answer|问题|要求|威胁|选择|回应/i;
const QUIET_HOOK = /quiet|look|settled|a hint|眼神|安静|尘埃落定|暗示/i;

/** How often a kind of unit may appear in one reply, so thin material does not repeat itself. */
const LIMITS: Partial<Record<PartKind, number>> = { setting: 1, stakes: 1, lore: 1, reveal: 1, goal: 1, resolve: 1, complication: 1, sensory: 2, interior: 2, event: 2, speech: 2 };

function firstSentence(text: string): string {
  const m = /^[^.!?。！？]*[.!?。！？]+["”」]?/.exec(text.trim());
  return (m ? m[0] : text.trim()).trim();
}

/** The hook stands on its own line. */
function layout(parts: ComposedPart[], T: Templates, random: () => number): string {
  const body = parts.filter((p) => p.kind !== 'hook');
  const hooks = parts.filter((p) => p.kind === 'hook');
  const paragraphs: string[] = [];
  // Paragraphs of one to three units, by seed, so replies do not all share one skeleton.
  for (let i = 0; i < body.length; ) {
    const size = [1, 2, 2, 3, 3][Math.floor(random() * 5)];
    paragraphs.push(body.slice(i, i + size).map((p) => p.text).join(T.space));
    i += size;
  }
  for (const h of hooks) paragraphs.push(h.text);
  return paragraphs.filter((p) => p.trim()).join('\n\n');
}
