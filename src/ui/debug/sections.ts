/**
 * What the debug pane shows for one turn, as wrapped lines: pacing, plan, prompt budget, lore,
 * critics, timings, usage and reasoning. Everything passes `neutralize` and `redactSecrets`
 * before it is drawn, so neither an escape sequence nor an API key reaches the screen.
 */
import { redactSecrets } from '../../text/redact.js';
import type {
  Candidate,
  CandidateVariant,
  JudgeCost,
  LoreSkipReason,
  MemoryState,
  PacingEstimate,
  Plan,
  PromptDiagnostics,
  StopSource,
} from '../../engine/types.js';
import { factOrigin } from '../info.js';
import { neutralize } from '../../text/sanitize.js';
import type { Segment } from '../text/segments.js';
import { wrapSegments, type Line } from '../text/wrap.js';
import { scoreText } from '../text/score.js';
import { bar, needle, signed } from './gauges.js';
import { describeNote } from '../../engine/prompt/authors-note.js';
import { samplerLine } from '../../engine/samplers/fit.js';

/** The diagnostics of one turn, committed or still running. */
export interface DebugSubject {
  turn: number;
  totalTurns: number;
  plan?: Plan;
  pacing?: PacingEstimate;
  prompt?: PromptDiagnostics;
  candidates: Candidate[];
  /** The candidate on screen (or being written). */
  shown: number;
  /** How that candidate was steered: a regenerated one (or a gentler, bolder one) departs from the turn's plan. */
  variant?: CandidateVariant | undefined;
  running: boolean;
  /** What the story remembers now: the summary's reach and the facts in force, each with its turn. */
  memory?: MemoryState;
  /** The turn was imported from a SillyTavern chat: it has no plan, prompt or critic verdicts. */
  imported?: boolean;
}

const clean = (text: string) => redactSecrets(neutralize(text));

class Builder {
  readonly lines: Line[] = [];
  constructor(private readonly width: number) {}
  heading(text: string): void {
    if (this.lines.length > 0) this.lines.push([]);
    this.lines.push([{ text: clean(text), kind: 'name', color: 'cyan' }]);
  }
  row(label: string, value: string): void {
    this.lines.push(
      ...wrapSegments(
        [
          { text: `${label} `, kind: 'meta' },
          { text: clean(value), kind: 'plain' },
        ],
        this.width,
      ),
    );
  }
  text(text: string, kind: Segment['kind'] = 'plain'): void {
    this.lines.push(...wrapSegments([{ text: clean(text), kind }], this.width));
  }
  item(text: string, kind: Segment['kind'] = 'plain'): void {
    this.lines.push(
      ...wrapSegments(
        [
          { text: '• ', kind: 'meta' },
          { text: clean(text), kind },
        ],
        this.width,
      ),
    );
  }
}

function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return value >= 1000 ? `${(value / 1000).toFixed(1)}s` : `${Math.round(value)}ms`;
}

function pacingSection(b: Builder, pacing: PacingEstimate, width: number): void {
  b.heading('pacing');
  b.text(`slow ${needle(pacing.score, Math.max(5, Math.min(24, width - 12)))} fast`);
  b.row('score', `${signed(pacing.score)} · confidence ${pacing.confidence.toFixed(2)}`);
  b.row('session', `${signed(pacing.session.score)} (${pacing.session.confidence.toFixed(2)})`);
  b.row('long-term', `${signed(pacing.longTerm.score)} (${pacing.longTerm.confidence.toFixed(2)}, ${pacing.longTerm.turns} turns)`);
  for (const e of pacing.evidence) b.item(e);
}

/** The shown candidate's beat and cadence, when they are not the plan's. */
function departure(subject: DebugSubject): CandidateVariant | undefined {
  const { plan, variant } = subject;
  return plan && variant && (variant.beat !== plan.beat || variant.cadence !== plan.cadence) ? variant : undefined;
}

/** A variant as the pane names it: its label, and its beat and cadence where the label is not them. */
function variantText(v: CandidateVariant): string {
  const steer = `${v.beat}, ${v.cadence}`;
  return v.label === steer ? steer : `${v.label} (${steer})`;
}

// The plan is the turn's, made before its first candidates; a regenerated candidate (and the
// gentler and bolder ones) is written to another beat or cadence, so the pane says which is which.
function planSection(b: Builder, subject: DebugSubject, plan: Plan, width: number): void {
  b.heading(`plan for turn ${subject.turn}`);
  b.row('planned', `${plan.beat} · ${plan.cadence}`);
  const other = departure(subject);
  if (other) b.row(subject.running ? 'writing' : 'shown', `candidate ${subject.shown + 1} · ${variantText(other)}`);
  b.row('tension', `${bar(plan.tension, 1, Math.max(4, Math.min(20, width - 16)))} ${plan.tension.toFixed(2)}`);
  if (plan.thread) b.row('thread', `${plan.thread.title} (beat ${plan.thread.beatIndex + 1}: ${plan.thread.beat})`);
  if (plan.actors.length) b.row('actors', plan.actors.join(', '));
  if (plan.pivot) b.row('pivot', plan.pivot);
  b.row('reason', plan.reason);
  b.row('hook', plan.hook);
  b.row('length', `${plan.targetLength[0]}–${plan.targetLength[1]} tokens`);
  b.row('directive', plan.directive);
}

function promptSection(b: Builder, prompt: PromptDiagnostics, width: number): void {
  b.heading('prompt');
  b.row('tokens', `${prompt.tokens} of ${prompt.budget} budget · ${prompt.historyMessages} story messages fit`);
  const barWidth = Math.max(4, Math.min(16, width - 24));
  for (const [name, value] of Object.entries(prompt.breakdown) as Array<[string, number]>) {
    b.text(`${name.padEnd(10)} ${bar(value, prompt.budget, barWidth)} ${value}`);
  }
  promptSettingRows(b, prompt);
  if (prompt.stop.length > 0) b.row('stop', stopLine(prompt));
  b.heading('lore');
  if (prompt.loreFired.length === 0) b.text('no entry fired', 'meta');
  for (const f of prompt.loreFired) b.item(`${f.id} ${whyFired(f)} (${f.tokens} tok)`);
  for (const f of prompt.loreCut) b.item(`cut by the budget: ${f.id} ${whyFired({ ...f, excerpt: '' })} (${f.tokens} tok)`, 'meta');
  for (const s of prompt.loreSkipped ?? []) b.item(`${SKIPPED[s.reason]}: ${s.id} (${s.excerpt})`, 'meta');
}

const RECURSION = 'recursion:';

/**
 * Why a lore entry is in the prompt, in the player's words: a matched key with where it matched, or the entry's
 * own standing ("constant" and "sticky" are no words the player wrote, and a recursion matched another entry's text,
 * not the turn's). The excerpt marks its own cuts with '…'.
 */
function whyFired(f: { key: string; turn: number; excerpt: string }): string {
  const quote = f.excerpt ? `: ${f.excerpt}` : '';
  if (f.key === 'constant') return '· always on';
  if (f.key === 'sticky') return `· kept from an earlier turn${quote}`;
  if (f.key.startsWith(RECURSION)) return `← named in the entry ${f.key.slice(RECURSION.length)}${quote}`;
  return `← "${f.key}" in ${f.turn === 0 ? 'the opening' : `turn ${f.turn}`}${quote}`;
}

/** The player's author's note, whose system prompt rules, and the card's post-history instructions. */
function promptSettingRows(b: Builder, prompt: PromptDiagnostics): void {
  const note = prompt.authorsNote;
  if (note) {
    const where = describeNote(note);
    b.row("author's note", `${where} · ${note.inserted ? `inserted this turn (${note.tokens} tok)` : 'not inserted this turn'}`);
  }
  const system = prompt.systemPrompt;
  if (system)
    b.row(
      'system prompt',
      `the ${system.source}'s, ${system.keepsSkald ? "keeping skald's rules ({{original}})" : "in place of skald's rules"}`,
    );
  const after = prompt.postHistory;
  if (after)
    b.row(
      'after the chat',
      `${afterChatOwners(after.from)} (${after.tokens} tok)${after.keepsDirective ? ', the direction inside them' : ', then the direction'}`,
    );
  const inside = prompt.injections;
  if (inside?.length) b.row('in the chat', inside.map((p) => `the preset's "${p.name}" ${p.depth} back as ${p.role}`).join(' · '));
}

/** Whose texts follow the chat: the world's post-history instructions, a preset's prompts by name. */
function afterChatOwners(from: readonly string[] | undefined): string {
  if (!from) return "the world's post-history instructions";
  const preset = from.filter((f) => f !== 'world').map((f) => `"${f}"`);
  return [
    ...(preset.length ? [`the preset's ${preset.join(', ')}`] : []),
    ...(from.includes('world') ? ["the world's post-history instructions"] : []),
  ].join(' and ');
}

const STOP_FROM: Record<StopSource, string> = { template: 'template', samplers: 'your stop setting', skald: 'skald' };

/**
 * The stop strings the request carried, as sent (quoted, so a newline shows as \n), grouped by
 * where they came from when the turn recorded it: the instruct template's, the samplers', skald's.
 */
export function stopLine(prompt: Pick<PromptDiagnostics, 'stop' | 'stopFrom'>): string {
  const quoted = prompt.stop.map((s) => JSON.stringify(s));
  const from = prompt.stopFrom;
  if (!from || from.length !== prompt.stop.length || from.some((f) => !Object.hasOwn(STOP_FROM, f))) return quoted.join(' ');
  const groups = new Map<StopSource, string[]>();
  from.forEach((f, i) => groups.set(f, [...(groups.get(f) ?? []), quoted[i]]));
  return [...groups].map(([f, list]) => `${STOP_FROM[f]}: ${list.join(' ')}`).join(' · ');
}

/** Why a matched lore entry stayed out, as the debug pane says it. */
const SKIPPED: Record<LoreSkipReason, string> = {
  probability: 'lost its roll',
  cooldown: 'cooling down',
  delay: 'not yet',
  group: 'lost its group',
  excluded: 'kept out',
};

/** The judge's call in one line: what it graded, what it cost, and whether its verdicts count. */
export function judgeLine(cost: JudgeCost): string {
  const tokens =
    cost.promptTokens === null ? 'usage not reported' : `${cost.promptTokens} prompt + ${cost.completionTokens ?? 0} completion tokens`;
  const what = `1 call for ${cost.candidates} candidate${cost.candidates === 1 ? '' : 's'} · ${tokens} · ${ms(cost.ms)} · ${cost.format.replace('_', ' ')}`;
  return cost.error ? `${what} · no verdicts: ${cost.error}` : what;
}

/** How a reply ended, in words, when it did not end by itself. */
const ENDED: Record<string, string> = {
  aborted: 'stopped by the player',
  interrupted: 'the stream broke off',
  timeout: 'the stream stalled and timed out',
  length: 'at the reply length limit',
};

function candidateSection(b: Builder, c: Candidate, index: number, shown: boolean): void {
  if (c.imported) {
    b.heading(`${shown ? '▶ ' : ''}candidate ${index + 1} · a swipe from SillyTavern`);
    return;
  }
  b.heading(`${shown ? '▶ ' : ''}candidate ${index + 1} · ${variantText(c.variant)} · score ${scoreText(c.score)}`);
  const flagged = c.critics.filter((r) => r.flagged);
  const hints = c.critics.filter((r) => r.hint && !r.flagged);
  if (c.critics.length > 0) {
    const verdict = flagged.length === 0 ? `all ${c.critics.length} clean` : `${flagged.length} of ${c.critics.length} flagged`;
    b.row('critics', hints.length === 0 ? verdict : `${verdict} · ${hints.length} hint${hints.length > 1 ? 's' : ''}`);
  }
  for (const r of flagged) {
    b.item(`${r.id} ${r.score.toFixed(2)}`, 'action');
    for (const e of r.evidence.slice(0, 3)) b.text(`   "${e.text}" — ${e.why}`, 'meta');
  }
  // Hints sit apart: the critic was not sure, so they neither rank nor repair; the player sees why.
  for (const r of hints) {
    b.item(`hint ${r.id} · confidence ${(r.confidence ?? 0).toFixed(2)} · not counted`, 'meta');
    for (const e of r.evidence.slice(0, 3)) b.text(`   "${e.text}" — ${e.why}`, 'meta');
  }
  if (c.judge) b.row('judge', judgeLine(c.judge));
  if (c.revision) b.row('version', c.revision.kind === 'edited' ? 'edited by you' : 'continued by the model from where the reply stopped');
  for (const repair of c.repairs) b.item(`repair: ${repair}`);
  // What the request carried, under the endpoint's own names (after leaving out what it does not take).
  if (c.samplers) b.row('samplers', samplerLine(c.samplers));
  b.row('timing', `ttft ${ms(c.timing.ttftMs)} · ${c.timing.tokensPerSecond ?? '–'} tok/s · total ${ms(c.timing.totalMs)}`);
  if (c.usage) b.row('usage', `${c.usage.promptTokens} prompt + ${c.usage.completionTokens} completion = ${c.usage.totalTokens}`);
  if (c.retries > 0) b.row('retries', String(c.retries));
  if (c.neutralised)
    b.row(
      'prompt',
      `${c.neutralised} control sequence${c.neutralised > 1 ? 's' : ''} neutralised in the text sent (a card, pack, player or earlier reply quoting the template's tokens)`,
    );
  if (c.finishReason) b.row('ended', ENDED[c.finishReason] ?? c.finishReason);
  if (c.error) b.row('error', c.error.message);
  if (c.reasoning) {
    b.row('reasoning', '');
    b.text(c.reasoning, 'meta');
  }
}

function memorySection(b: Builder, memory: MemoryState, turn: number): void {
  b.heading('memory');
  b.row('summary', memory.summary ? `through turn ${memory.summaryThrough}` : 'none yet (the story still fits the prompt)');
  if (memory.facts.length === 0) b.text('No facts yet.', 'meta');
  memory.facts.forEach((f, i) => {
    // Facts established at the turn on show stand out from older ones.
    b.item(`${i + 1}. turn ${f.turn} · ${factOrigin(f)} · ${f.text}`, f.turn === turn ? 'action' : 'plain');
  });
}

/** The beat of the text on show, and the plan's where that one departs from it. */
function beatText(subject: DebugSubject, plan: Plan): string {
  const other = departure(subject);
  return other && other.beat !== plan.beat ? `beat ${other.beat} (planned ${plan.beat})` : `beat ${plan.beat}`;
}

/** The pane's first line: the turn, what the planner decided, the pacing (alone, where the pane has no room). */
export function debugHeadline(subject: DebugSubject): string {
  return clean(
    [
      `turn ${subject.turn} of ${subject.totalTurns}${subject.running ? ' · running' : ''}`,
      ...(subject.plan ? [beatText(subject, subject.plan), `tension ${subject.plan.tension.toFixed(2)}`] : []),
      ...(subject.pacing ? [`pacing ${signed(subject.pacing.score)}`] : []),
    ].join(' · '),
  );
}

/** Every line of the pane for one turn. */
export function debugLines(subject: DebugSubject, width: number): Line[] {
  const b = new Builder(width);
  // The headline first, so even a short pane shows what the planner decided.
  b.lines.push(...wrapSegments([{ text: debugHeadline(subject), kind: 'name', color: 'yellow' }], width));
  if (subject.imported) b.text('Imported from SillyTavern: no plan, prompt or critic ran for this turn.', 'meta');
  if (subject.pacing) pacingSection(b, subject.pacing, width);
  if (subject.plan) planSection(b, subject, subject.plan, width);
  if (subject.prompt) promptSection(b, subject.prompt, width);
  subject.candidates.forEach((c, i) => candidateSection(b, c, i, i === subject.shown));
  if (subject.memory) memorySection(b, subject.memory, subject.turn);
  if (!subject.plan && !subject.imported && subject.candidates.length === 0)
    b.text('No turn yet: send a message and its diagnostics appear here.', 'meta');
  return b.lines;
}
