/**
 * The narrative planner: picks each turn's beat and cadence from the pacing estimate and the
 * story so far, brings in a plot thread when the story stalls, slows down at emotional pivots,
 * and writes the directive the prompt (and the offline narrator) follow.
 */
import type { Character, WorldPack } from '../../world/types.js';
import { readCues } from '../pacing/cues.js';
import type { Beat, Cadence, CriticResult, PacingEstimate, Plan, Random, StoryMessage } from '../types.js';
import { chooseActors, mentionPatternMade, warmMentions } from './actors.js';
import { askedQuestions, quotedQuestions } from './questions.js';
import { directiveLanguage, goalHook, hookFor, renderDirective, threadHook } from './directive.js';
import { nextGoalMove } from './goals.js';
import { lengthFor } from './length.js';
import { detectPivot } from './pivots.js';
import { detectStagnation } from './stagnation.js';
import { playerStreak } from './streak.js';
import { buildTurns, chooseBeat, OPENING_TENSION, targetTension, TENSION_DELTA, type BeatChoice } from './tension.js';
import { nextThreadBeat, THREAD_ROOM, threadGap, threadsLeft, turnsSinceThread } from './threads.js';
import { approachPatternsMade, keepFold, keptFold, sceneOf, warmApproaches, type Scene } from './scene.js';
import { exitPatternsMade, warmExits } from './exits.js';

export { detectPivot, type Pivot, type PivotKind } from './pivots.js';
export { detectStagnation, waitingStreak } from './stagnation.js';
export { applyBeat, buildLength, buildTurns, climaxTension, releaseTension, targetTension, TENSION_DELTA } from './tension.js';
export { threadProgress, nextThreadBeat, THREAD_ROOM, threadGap } from './threads.js';
export { nextGoalMove } from './goals.js';
export { approachedIn, keepFold, keptFold, sceneOf, scenePeople, type Scene, type SceneFold, type SceneInput } from './scene.js';
export { restyleDirective, languageOfDirective } from './directive.js';
export { lengthFactor, lengthFor, scaleLength } from './length.js';

export interface PlannerInput {
  pack: WorldPack;
  turn: number;
  playerInput: string;
  pacing: PacingEstimate;
  previousPlans: Plan[];
  /** The kept candidates' critic results, newest last. */
  recentCritics: CriticResult[][];
  history: StoryMessage[];
  random: Random;
  /**
   * The characters the opening puts in the scene: with it, actors are chosen among the people
   * in the scene (scene.ts); without it, among the whole cast.
   */
  opening?: readonly string[];
  /** The opening's scene line: a move back to the place it names is a move back to its people. */
  openingScene?: string;
}

const ALL_BEATS: Beat[] = ['escalate', 'complicate', 'reveal', 'breathe', 'deepen', 'resolve'];

const VERB: Record<Beat, string> = {
  escalate: 'escalates',
  complicate: 'complicates things',
  reveal: 'reveals something new',
  breathe: 'lets the moment breathe',
  deepen: 'deepens a relationship',
  resolve: 'resolves a strand',
};

/** How many of a pack's characters the warm-up compiles patterns for: the rest compile when first met. */
const WARMED_CHARACTERS = 24;

/**
 * Compiles the patterns the planner's reading of the scene runs for this pack's characters (who is
 * named, approached, leaving, sent away, and the player's moves): ~0.2-0.5 s of the first turn,
 * more than the critics' share, was these compiles.
 */
export function warmPlanner(pack: WorldPack): void {
  const characters = pack.characters.slice(0, WARMED_CHARACTERS);
  warmMentions(characters);
  warmApproaches(characters);
  warmExits(characters);
}

/** Whether the planner's scene patterns for `character` are made: by the warm-up, or by a turn that met them. */
export function scenePatternsMade(character: Character): boolean {
  return mentionPatternMade(character) && approachPatternsMade(character) && exitPatternsMade(character);
}

/** The plan for the `--no-planner` ablation: no beat selection, just "continue the scene". */
export function neutralPlan(pack: WorldPack, _turn: number): Plan {
  return {
    beat: 'deepen',
    cadence: 'steady',
    directive: directiveLanguage(pack.language) === 'zh' ? '继续当前场景' : 'continue the scene',
    targetLength: [pack.style.length[0], pack.style.length[1]],
    tension: OPENING_TENSION,
    actors: [],
    hook: '',
    reason: 'The planner is off, so the scene simply continues.',
  };
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
}

function cadenceFor(pacing: number, pivot: boolean): Cadence {
  if (pivot || pacing <= -0.3) return 'gentle';
  return pacing >= 0.3 ? 'bold' : 'steady';
}

/** How many of the player's latest messages in a row lean the same way as `sign`. */
function leaningStreak(input: PlannerInput, sign: number): number {
  return playerStreak(input.playerInput, input.history, input.turn, (text) => readCues(text).score * sign > 0.3);
}

const COUNT_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function countOf(n: number): string {
  return COUNT_WORDS[n] || String(n);
}

function forTurns(n: number): string {
  return n >= 2 ? ` for ${COUNT_WORDS[n] ?? n} turns` : '';
}

/** The narrator's last reply in the history: what the player's message answers. */
function lastNarration(history: readonly StoryMessage[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].role === 'narrator') return history[i].text;
  return undefined;
}

/** Picks this turn's beat, cadence, actors and hook from the pacing estimate and the story so far. */
export function planTurn(input: PlannerInput): Plan {
  const { pack, previousPlans } = input;
  const lang = directiveLanguage(pack.language);
  // A low-confidence estimate steers less: the first message alone should not decide the story.
  const pacing = input.pacing.score * Math.min(1, 0.4 + input.pacing.confidence);
  const tensions = previousPlans.map((p) => p.tension);
  const beats = previousPlans.map((p) => p.beat);
  const current = tensions[tensions.length - 1] ?? OPENING_TENSION;
  const pivot = detectPivot(input.playerInput, lastNarration(input.history));
  const stagnation = pivot ? { stalled: false, reasons: [], waiting: 0, streak: 0 } : detectStagnation(input);
  // A fast player's story opens each new build, after an arc resolved, with the pack's next thread
  // beat: plot the player asked for by pushing, not only what a stalled story is given (in 720
  // turns of fast simulated players no thread was ever told).
  const opensBuild = !pivot && !stagnation.stalled && buildTurns(pacing) > 0 && beats[beats.length - 1] === 'resolve';
  // Threads come at a pace: none while the last beat lands, and one by itself after a long gap.
  const sinceThread = turnsSinceThread(previousPlans);
  const landing = sinceThread + 1 < THREAD_ROOM && previousPlans.some((p) => p.thread);
  const overdue = !pivot && sinceThread >= threadGap(pacing);
  const thread = !landing && (stagnation.stalled || opensBuild || overdue) ? nextThreadBeat(pack, previousPlans, input.random) : undefined;
  // A waiting player with every thread spent: the story still moves, by a character with a goal.
  const threadText = thread ? `${thread.title} ${thread.beat}` : undefined;
  const found = input.opening
    ? sceneOf({
        pack,
        opening: input.opening,
        history: input.history,
        playerInput: input.playerInput,
        ...(threadText ? { threadText } : {}),
        ...(input.openingScene ? { openingScene: input.openingScene } : {}),
        ...(keptFold(previousPlans[previousPlans.length - 1]) ? { fold: keptFold(previousPlans[previousPlans.length - 1]) } : {}),
      })
    : undefined;
  // Everyone here has gone: whoever comes next is anyone but those who just left, else one the
  // player walked away from follows; one who went or was sent away does not come back unbidden.
  const scene = found && found.present.size === 0 && found.left.size > 0 ? standIns(pack, found) : found?.present;
  // No one is left to come: the player is alone, and no one acts.
  const alone = scene !== undefined && scene.size === 0 && found !== undefined && found.left.size > 0;
  const goal = !thread && !alone && stagnation.waiting > 0 ? nextGoalMove(pack, previousPlans, input.history, scene) : undefined;
  const nameOf = (id: string): string => pack.characters.find((c) => c.id === id)?.name ?? id;

  let choice: BeatChoice;
  let reason: string;
  if (pivot) {
    const preferred: Beat = pivot.kind === 'grief' || pivot.kind === 'reunion' || pivot.kind === 'distress' ? 'breathe' : 'deepen';
    const prefer: Beat[] = preferred === 'breathe' ? ['breathe', 'deepen'] : ['deepen', 'breathe'];
    choice = chooseBeat({ pacing, tensions, beats, allowed: prefer, prefer, random: input.random });
    reason = `The player's message is an emotional pivot (${pivot.kind}: "${pivot.cue}"), so the story slows down and ${VERB[choice.beat]} whatever the pacing (${signed(input.pacing.score)}).`;
  } else if (thread) {
    const total = pack.threads.find((t) => t.id === thread.id)?.beats.length ?? 1;
    // A waiting player is given something new to answer, not a shout: no escalation.
    const prefer = stagnation.waiting > 0 ? QUIET_THREAD_BEATS : threadBeats(thread.beatIndex, total);
    choice = chooseBeat({
      pacing,
      tensions,
      beats,
      allowed: prefer,
      prefer,
      fallback: ['resolve', 'breathe', 'deepen'],
      random: input.random,
    });
    const why =
      stagnation.waiting > 0
        ? waitingReason(stagnation)
        : stagnation.stalled
          ? `The story has stalled (${stagnation.reasons.join('; ')})`
          : opensBuild
            ? `The player has been pushing forward (pacing ${signed(input.pacing.score)}) and the last build resolved`
            : `No plot thread has moved for ${countOf(sinceThread)} turns`;
    reason = `${why}, so the thread "${thread.title}" moves to beat ${thread.beatIndex + 1} of ${total}.`;
  } else if (goal) {
    choice = chooseBeat({
      pacing,
      tensions,
      beats,
      allowed: QUIET_THREAD_BEATS,
      prefer: QUIET_THREAD_BEATS,
      fallback: ['resolve', 'deepen', 'breathe'],
      random: input.random,
    });
    const threads = threadsLeft(pack, previousPlans);
    reason = `${waitingReason(stagnation)} and ${threads}, so ${nameOf(goal.actor)} acts on a goal (${goal.goal}) and the story ${VERB[choice.beat]}.`;
  } else {
    let allowed = stagnation.stalled ? (['escalate', 'complicate', 'reveal'] as Beat[]) : ALL_BEATS;
    // A passive player is never answered with a shout: the story brings something in instead.
    if (stagnation.streak > 0) allowed = allowed.filter((b) => b !== 'escalate');
    choice = chooseBeat({ pacing, tensions, beats, allowed, fallback: ['resolve', 'breathe'], random: input.random });
    reason =
      stagnation.streak > 0 && !stagnation.stalled
        ? `The player is waiting (${stagnation.streak} passive turn${stagnation.streak === 1 ? '' : 's'}), so the story ${VERB[choice.beat]} rather than escalate.`
        : reasonFor(input, choice, pacing, current, stagnation.stalled ? stagnation.reasons : []);
  }

  const cadence = cadenceFor(pacing, Boolean(pivot));
  const chosen = alone
    ? []
    : chooseActors({
        pack,
        playerInput: input.playerInput,
        history: input.history,
        beat: choice.beat,
        ...(threadText ? { threadText } : {}),
        ...(scene ? { scene } : {}),
      });
  const actors = goal ? [goal.actor, ...chosen.filter((id) => id !== goal.actor)].slice(0, Math.max(1, chosen.length)) : chosen;
  const lead = actors[0] ? nameOf(actors[0]) : lang === 'zh' ? '有人' : 'someone';
  const hook = thread
    ? threadHook(lang, thread.beat, pack.player.name)
    : goal
      ? goalHook(lang, lead, pack.player.name)
      : hookFor(lang, choice.beat, lead, pack.player.name);
  const terse = readCues(input.playerInput).shortImperative;
  const questions = askedQuestions(input.playerInput);
  const plan: Plan = {
    beat: choice.beat,
    cadence,
    directive: renderDirective({
      lang,
      beat: choice.beat,
      cadence,
      actors: actors.map(nameOf),
      hook,
      player: pack.player.name,
      ...(thread
        ? {
            thread: {
              title: thread.title,
              beat: thread.beat,
              ...(thread.beatIndex === 0 && threadHookOf(pack, thread.id) ? { hook: threadHookOf(pack, thread.id) } : {}),
            },
          }
        : {}),
      ...(goal ? { goal: { actor: nameOf(goal.actor), goal: goal.goal } } : {}),
      ...(pivot ? { pivot: pivot.kind } : {}),
      ...(questions.length > 0 ? { questions: quotedQuestions(questions) } : {}),
    }),
    targetLength: lengthFor(pack.style.length, cadence, choice.beat, terse),
    tension: choice.tension,
    tensionByBeat: choice.byBeat,
    ...(thread ? { thread } : {}),
    ...(goal ? { goal } : {}),
    actors,
    hook,
    ...(pivot ? { pivot: pivot.kind } : {}),
    reason,
  };
  if (found) keepFold(plan, found.fold);
  return plan;
}

/** Who may come when everyone in the scene has gone. */
function standIns(pack: WorldPack, scene: Scene): Set<string> {
  const others = pack.characters.filter((c) => !scene.left.has(c.id));
  return new Set((others.length > 0 ? others : pack.characters.filter((c) => scene.behind.has(c.id))).map((c) => c.id));
}

function threadHookOf(pack: WorldPack, id: string): string | undefined {
  return pack.threads.find((t) => t.id === id)?.hook || undefined;
}

/** Beats that bring something new to a waiting player without raising the stakes by force. */
const QUIET_THREAD_BEATS: Beat[] = ['complicate', 'reveal'];

/** "The player is waiting (3 passive turns; the critics found the last reply stagnant)". */
function waitingReason(stagnation: { waiting: number; reasons: readonly string[] }): string {
  // The first reason is the waiting one itself (detectStagnation puts it first).
  const others = stagnation.reasons.slice(1);
  return `The player is waiting (${stagnation.waiting} passive turns${others.length > 0 ? `; ${others.join('; ')}` : ''})`;
}

/** A thread opens with a complication, builds, and lands its last beat as a reveal. */
function threadBeats(index: number, total: number): Beat[] {
  if (index === 0) return ['complicate', 'reveal', 'escalate'];
  return index === total - 1 ? ['reveal', 'escalate', 'complicate'] : ['escalate', 'complicate', 'reveal'];
}

function reasonFor(input: PlannerInput, choice: BeatChoice, pacing: number, current: number, stalled: string[]): string {
  const verb = VERB[choice.beat];
  const p = signed(input.pacing.score);
  if (stalled.length > 0) {
    const threads = threadsLeft(input.pack, input.previousPlans);
    return `The story has stalled (${stalled.join('; ')}) and ${threads}, so the story ${verb}.`;
  }
  // A fast player's build ends at its climax: the resolve says so (whatever else also asked for
  // it), not "pushing forward, so the story resolves", which read as a contradiction.
  if (choice.arc === 'climax' && TENSION_DELTA[choice.beat] < 0)
    return `The player has been pushing forward (pacing ${p}) and tension reached its climax (${current.toFixed(2)}) after ${countOf(choice.built ?? 0)} rising turn${choice.built === 1 ? '' : 's'}, so the story ${verb} and lets it fall to ${choice.tension.toFixed(2)} before the next build.`;
  if (choice.forced === 'flat')
    return `Tension has hovered near ${current.toFixed(2)} for several turns, so the story ${verb} to keep it moving.`;
  const last = input.previousPlans[input.previousPlans.length - 1]?.beat;
  if (choice.forced === 'repeat' && last) return `Two ${last} beats in a row are enough, so the story ${verb} instead (pacing ${p}).`;
  // A beat against the player's lean is the tension model's doing: "pushing forward, so the story
  // resolves" read as a contradiction, turn after turn, in a fast player's long story.
  const wanted = targetTension(pacing);
  const against =
    (pacing >= 0.25 && TENSION_DELTA[choice.beat] < 0 && current > wanted) ||
    (pacing <= -0.25 && TENSION_DELTA[choice.beat] >= 0.09 && current < wanted);
  const because = against
    ? `; tension stood at ${current.toFixed(2)}, ${pacing > 0 ? 'above' : 'below'} the ${wanted.toFixed(2)} that pace wants, so the story ${verb}${pacing > 0 ? ' before the next push' : ''}.`
    : `, so the story ${verb}.`;
  if (pacing >= 0.25) return `The player has been pushing forward${forTurns(leaningStreak(input, 1))} (pacing ${p})${because}`;
  if (pacing <= -0.25) return `The player is savouring a slow burn${forTurns(leaningStreak(input, -1))} (pacing ${p})${because}`;
  return `The pacing is balanced (${p}) and tension stood at ${current.toFixed(2)} after the last reply, so the story ${verb}.`;
}
