/**
 * The engine's contracts: what flows between the pacing model, the planner, the prompt builder,
 * the providers, the critics, the carousel and the session log. The engine has no terminal,
 * network or file system; everything outside it is passed in through the interfaces below.
 */
import type { WorldPack, Opening, PlayerPersona } from '../world/types.js';
import type { SamplerEndpoint } from './samplers/fit.js';
import type { PromptRoom } from './prompt/overflow.js';
import type { VariableChanges } from './variables.js';

// ---------------------------------------------------------------------------------------------
// Small injected services

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A uniform random number in [0, 1); seeded in tests and offline play (see random.ts). */
export type Random = () => number;

// ---------------------------------------------------------------------------------------------
// Pacing

/** -1 slow burn ... +1 fast plot. */
export type PacingScore = number;

export interface PacingEstimate {
  /** Blended estimate the planner uses. */
  score: PacingScore;
  /** 0..1 */
  confidence: number;
  /** Short human-readable items: "3 of the last 4 messages are short imperatives". */
  evidence: string[];
  session: { score: PacingScore; confidence: number };
  longTerm: { score: PacingScore; confidence: number; turns: number };
}

/** What the pacing model learns from; the player never states these. */
export type PacingSignal =
  /** `heard`: the reply the player answers (the kept reply before the message), which some messages need to be read ("I do.", "15."). */
  | { kind: 'message'; text: string; turn: number; latencyMs?: number; heard?: string }
  | { kind: 'regenerate'; turn: number; rejected: CandidateVariant; pivot: boolean }
  | { kind: 'choice'; turn: number; kept: CandidateVariant; alternatives: CandidateVariant[] };

/** The long-term profile of one player, persisted across sessions and worlds. */
export interface PacingProfile {
  version: 1;
  score: PacingScore;
  confidence: number;
  turns: number;
  sessions: number;
  updatedAt: number;
  /** Counters the model keeps for its evidence ("kept the calmer candidate twice"). */
  stats: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Planner

export type Beat = 'escalate' | 'complicate' | 'reveal' | 'breathe' | 'deepen' | 'resolve';
export const BEATS: readonly Beat[] = ['escalate', 'complicate', 'reveal', 'breathe', 'deepen', 'resolve'];

export type Cadence = 'gentle' | 'steady' | 'bold';

export interface Plan {
  beat: Beat;
  cadence: Cadence;
  /** The instruction placed in the prompt: what should happen, at what cadence, who acts, the hook. */
  directive: string;
  /** Reply length in tokens, [min, max]. */
  targetLength: [number, number];
  /** 0..1 story tension after this beat. */
  tension: number;
  /**
   * The tension each beat would have left this turn, by the planner's own rules: a carousel
   * variant of another beat takes its own. A resolve at a fast build's climax falls to the release,
   * further than one step, so a variant's tension is not the planned one shifted by a step
   * (absent in plans logged before it, and in the neutral plan).
   */
  tensionByBeat?: Partial<Record<Beat, number>>;
  /** Set when the planner brings in a plot thread. */
  thread?: { id: string; title: string; beatIndex: number; beat: string };
  /** Set when a waiting player has spent every thread: a character (by id) acts on one of their goals. */
  goal?: { actor: string; goal: string };
  /** Character ids who should act this turn. */
  actors: string[];
  /** What the reply should end on, so the player has something to answer. */
  hook: string;
  /** The emotional pivot detected in the player's message, if any (confession, grief, ...). */
  pivot?: string;
  /** One sentence: why this beat. */
  reason: string;
}

/** How one candidate is steered away from the others, so the player's pick is a signal. */
export interface CandidateVariant {
  beat: Beat;
  cadence: Cadence;
  /** "planned", "gentler", "bolder" ... */
  label: string;
}

// ---------------------------------------------------------------------------------------------
// Critics

export type CriticId =
  | 'mixed-language'
  | 'repetition'
  | 'formatting'
  | 'reference-confusion'
  | 'law-violation'
  | 'stagnation'
  | 'filler'
  | 'out-of-character'
  | 'speaks-for-user'
  | 'ignores-user'
  | 'no-hook'
  | 'length'
  | 'boundary';

export const CRITIC_IDS: readonly CriticId[] = [
  'mixed-language',
  'repetition',
  'formatting',
  'reference-confusion',
  'law-violation',
  'stagnation',
  'filler',
  'out-of-character',
  'speaks-for-user',
  'ignores-user',
  'no-hook',
  'length',
  'boundary',
];

export interface CriticEvidence {
  /** UTF-16 offsets into the candidate text. */
  start: number;
  end: number;
  text: string;
  why: string;
}

export interface CriticResult {
  id: CriticId | 'judge';
  /** A verdict the critic is sure of: it moves the ranking and may trigger a repair. */
  flagged: boolean;
  /** 1 is clean, 0 is as bad as it gets. */
  score: number;
  evidence: CriticEvidence[];
  /**
   * How sure the critic is of what it found, 0..1; absent means sure. A finding below
   * `SURE_CONFIDENCE` is settled as a hint.
   */
  confidence?: number;
  /**
   * Something the critic saw but is not sure of: shown in the debug pane with its evidence and
   * counted apart in eval, but `flagged` is false and the score is left clean, so it never
   * demotes a reply.
   */
  hint?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Memory

export type FactKind = 'name' | 'relationship' | 'promise' | 'possession' | 'place' | 'preference' | 'other';

export interface Fact {
  id: string;
  text: string;
  kind: FactKind;
  /** Turn where it was established. */
  turn: number;
  /**
   * `player` when the patterns found it in the player's words, `model` when the model that writes
   * the rolling summary reported it, `pinned` from /remember.
   */
  source: 'player' | 'model' | 'pinned';
  /** Who or what the fact is about (a name, `home`, `occupation` ...); absent on pinned facts. */
  subject?: string;
  /** What it says of the subject: a later fact of the same kind and subject with another value replaces it. */
  value?: string;
}

export interface MemoryState {
  /** Rolling summary of what scrolled out of the prompt window. */
  summary: string;
  /** The last turn the summary covers (0 when empty). */
  summaryThrough: number;
  facts: Fact[];
}

// ---------------------------------------------------------------------------------------------
// Prompt

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One message of the story so far, oldest first. `turn` 0 is the opening. */
export interface StoryMessage {
  role: 'player' | 'narrator';
  text: string;
  turn: number;
}

/** Why a matched lore entry stayed out: its group drew another, an exclude key, a failed roll, its cooldown or delay. */
export type LoreSkipReason = 'group' | 'excluded' | 'probability' | 'cooldown' | 'delay';

export interface LoreFiring {
  id: string;
  /** The key that matched, or `constant`, or `recursion:<id>`. */
  key: string;
  /** Turn of the message the key matched in. */
  turn: number;
  /** A short excerpt around the match. */
  excerpt: string;
  tokens: number;
}

export interface PromptBreakdown {
  system: number;
  laws: number;
  characters: number;
  persona: number;
  lore: number;
  memory: number;
  history: number;
  directive: number;
  /** The player's author's note (0 on a turn it skips); present when a note is set. */
  note?: number;
  /** What goes after the chat (a card's post-history instructions, a preset's prompts there), beyond the directive it may carry. */
  postHistory?: number;
  /** A chat-completion preset's prompts placed inside the chat at a depth. */
  injections?: number;
  /** A chat-completion preset's assistant prefill, the last message. */
  prefill?: number;
}

export interface PromptDiagnostics {
  /** Total prompt tokens. */
  tokens: number;
  budget: number;
  breakdown: PromptBreakdown;
  /** Ids of lore entries in the prompt. */
  lore: string[];
  loreFired: LoreFiring[];
  /** Entries that matched but were cut by the lore budget. */
  loreCut: LoreFiring[];
  /** Entries that matched but stayed out for another reason: a probability roll, a cooldown or delay, their group, an exclude key. */
  loreSkipped?: Array<Omit<LoreFiring, 'tokens'> & { reason: LoreSkipReason }>;
  memoryTokens: number;
  /** How many story messages fit in the window. */
  historyMessages: number;
  /** Stop sequences sent with the request (in text completion, the instruct template's first). */
  stop: string[];
  /** Where each of `stop` came from, in its order: the instruct template, the samplers' `stop`, or skald's own. */
  stopFrom?: StopSource[];
  /** The player's author's note: where it goes, how often, and whether this prompt carries it. */
  authorsNote?: { depth: number; every: number; inserted: boolean; tokens: number };
  /** Whose system prompt had the last word over skald's rules, and whether the rules survive in it. */
  systemPrompt?: { source: 'profile' | 'world' | 'story'; keepsSkald: boolean };
  /**
   * What goes after the chat; `keepsDirective` when it carries the planner's directive, `from` whose
   * texts they are (a preset's prompts by name, `world` for the card's instructions).
   */
  postHistory?: { tokens: number; keepsDirective: boolean; from?: string[] };
  /** A chat-completion preset's prompts inside the chat: their names, depths and roles. */
  injections?: Array<{ name: string; depth: number; role: ChatMessage['role'] }>;
}

/** Where a stop string sent with a request came from. */
export type StopSource = 'template' | 'samplers' | 'skald';

/**
 * Sections of the system message under the names SillyTavern's story string gives them, each exactly
 * as it stands in the system message's text. A context template whose story string places
 * `{{description}}`, `{{scenario}}`, `{{persona}}`, `{{wiBefore}}` or `{{wiAfter}}` itself takes
 * them out of `{{system}}` (providers/instruct/story-parts.ts), so each is said once.
 */
export interface StoryParts {
  /** The characters in play. */
  description?: string;
  /** The setting and the opening's scene. */
  scenario?: string;
  /** The player. */
  persona?: string;
  /** Lore placed before the characters (`{{wiBefore}}`, `{{loreBefore}}`). */
  loreBefore?: string;
  /** Lore placed after them (`{{wiAfter}}`, `{{loreAfter}}`). */
  loreAfter?: string;
  /** The name `{{char}}` stands for in the system text: the first character in play. */
  char?: string;
  /** That character's card personality (`{{personality}}`), and its paragraph as `description` carries it. */
  personality?: string;
  personalityText?: string;
  /** The example dialogues `description` shows for that character, as `{{mesExamples}}` gives them, and their lines there. */
  mesExamples?: string;
  examplesText?: string;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  /** The assistant prefill `messages` end with: the reply is written on from it, and joined to it. */
  prefill?: string;
  /** The system message's sections by SillyTavern's names (see StoryParts). */
  storyParts?: StoryParts;
  diagnostics: PromptDiagnostics;
  /** Set when the player's own line did not fit: what took its room (not kept with the session). */
  room?: PromptRoom;
  /** The variables the prompt's own texts changed (prompt/variable-pass.ts), kept with the turn. */
  variables?: VariableChanges;
}

// ---------------------------------------------------------------------------------------------
// Providers

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export type ProviderErrorKind =
  'auth' | 'not-found' | 'connection' | 'rate-limit' | 'server' | 'timeout' | 'bad-response' | 'aborted' | 'config';

export interface ProviderFailure {
  kind: ProviderErrorKind;
  /** One sentence a player can act on: what happened and what to do. */
  message: string;
  status?: number;
  retryable: boolean;
}

/** Everything the offline narrator needs to compose a reply; real models ignore it. */
export interface NarrationContext {
  pack: WorldPack;
  opening: Opening;
  persona: PlayerPersona;
  turn: number;
  playerInput: string;
  history: StoryMessage[];
  memory: MemoryState;
  /** Lore ids active this turn. */
  lore: string[];
  seed: number;
}

export interface CandidateRequest {
  messages: ChatMessage[];
  variant: CandidateVariant;
  plan: Plan;
  maxTokens: number;
  temperature?: number;
  /** Where a text-completion prompt ends (see PromptEnding); chat mode ignores it. */
  ending?: PromptEnding;
  /**
   * The candidate's number in its turn, counting those of earlier regenerations: a text-completion
   * prompt's `{{random}}` draws with it, so each generation draws anew, as in SillyTavern.
   */
  index?: number;
  /** The sections of `messages`' system message by SillyTavern's names, for a context template's story string. */
  storyParts?: StoryParts;
  /**
   * The reasoning of the reply being continued (ending `continue`): a text-completion prompt writes
   * it back before the reply, in the reasoning template's prefix and suffix and then its separator.
   */
  reasoning?: string;
  /** The assistant message `messages` end with, which the reply goes on from: the stored reply starts with it. */
  prefill?: string;
  /**
   * Sampler fields merged into the request body, already fitted to the endpoint (its names, only
   * what it takes); see engine/samplers.
   */
  samplers?: Record<string, unknown>;
}

/**
 * Where a text-completion prompt ends: after the model's turn prefix (`reply`), inside the model's
 * last message to extend it (`continue`, also assumed when the messages end with the assistant's),
 * or after the player's prefix to draft their line (`impersonate`).
 */
export type PromptEnding = 'reply' | 'continue' | 'impersonate';

export interface GenerateRequest {
  candidates: CandidateRequest[];
  stop: string[];
  context: NarrationContext;
  signal?: AbortSignal;
}

export type ProviderEvent =
  | { type: 'delta'; candidate: number; text: string }
  | { type: 'reasoning'; candidate: number; text: string }
  | { type: 'usage'; candidate: number; usage: Usage }
  /** A failed request sent again after `delayMs`: attempt `attempt` of `limit` retries; `kind` is why (a 429 is `rate-limit`). */
  | { type: 'retry'; candidate: number; attempt: number; limit: number; delayMs: number; kind: ProviderErrorKind; reason: string }
  /** A text-completion prompt had control sequences in its message text, broken before sending. */
  | { type: 'neutralised'; candidate: number; count: number }
  | { type: 'done'; candidate: number; incomplete: boolean; finishReason?: string }
  | { type: 'error'; candidate: number; error: ProviderFailure };

/** Options of a whole (unstreamed) completion. */
export interface Provider {
  /** `offline` or the profile name. */
  id: string;
  /** For the header: "offline narrator" or "openrouter · mistral-large". */
  label: string;
  offline: boolean;
  model?: string;
  /**
   * The provider extends a last assistant message itself (text completion leaves it open), so a
   * continuation needs no instruction to go on from it.
   */
  prefill?: boolean;
  /** Streams events for every candidate, interleaved; ends when all candidates are done. */
  generate(request: GenerateRequest): AsyncIterable<ProviderEvent>;
  /** What the endpoint takes of the samplers; absent: unknown, everything set is sent. */
  samplers?: SamplerEndpoint;
  /**
   * The stop strings a request whose own are `stop` goes out with, and which of them are the
   * instruct template's (text completion puts those first); absent: `stop` as it is. `draw` is the
   * request's seed and turn (`NarrationContext`), which a `{{random}}` in the template draws from.
   */
  sentStop?(stop: readonly string[], user?: string, draw?: { seed: number; turn: number }): { sent: string[]; template: string[] };
  /** A single non-streamed completion (summaries, the judge, the simulated player). */
  complete(messages: ChatMessage[], options?: CompleteOptions): Promise<string>;
}

export interface CompleteOptions {
  maxTokens?: number;
  signal?: AbortSignal;
  temperature?: number;
  /** Asks for JSON (the judge, the summary's facts): a schema, or any JSON object. A provider that cannot ignores it. */
  responseFormat?: ResponseFormat;
  /**
   * When the endpoint refuses `responseFormat` (400/422), ask the same again as plain text, and
   * stop offering it to that endpoint; the caller reads the answer defensively. Without it, the
   * refusal is the caller's to handle (the judge steps down its own formats).
   */
  orPlain?: boolean;
  /** Called with the tokens the completion used, when the endpoint reports them. */
  onUsage?: (usage: Usage) => void;
  /** Where a text-completion prompt ends; chat mode ignores it. */
  ending?: PromptEnding;
}

export type ResponseFormat = { type: 'json_schema'; name: string; schema: Record<string, unknown> } | { type: 'json_object' };

// ---------------------------------------------------------------------------------------------
// Turns and candidates

export interface CandidateTiming {
  /** Time to first token. */
  ttftMs: number | null;
  totalMs: number;
  tokensPerSecond: number | null;
}

export interface Candidate {
  id: string;
  /** The story text shown to the player (after repairs). */
  text: string;
  /** What the model sent, before repairs, when different. */
  raw?: string;
  reasoning?: string;
  variant: CandidateVariant;
  critics: CriticResult[];
  /** Aggregate critic score, 0..1, higher is better. */
  score: number;
  /** Human-readable repairs applied: "cut at a line spoken by Tamsin". */
  repairs: string[];
  incomplete: boolean;
  error?: ProviderFailure;
  /**
   * Why the reply ended, when not by itself: `aborted` (the player stopped it), `interrupted` (the
   * stream broke off), `timeout` (it stalled), `length` (the token limit), or the provider's own word.
   * Kept in the session file, so a resumed story can still say why a reply is unfinished.
   */
  finishReason?: string;
  timing: CandidateTiming;
  usage?: Usage;
  retries: number;
  /** Control sequences (`<|im_end|>`, `[INST]` ...) broken in the text-completion prompt's message text. */
  neutralised?: number;
  /**
   * The sampler fields this candidate's request carried, under the endpoint's names, with its
   * max_tokens; absent for the offline narrator, which takes none.
   */
  samplers?: Record<string, unknown>;
  /** The LLM judge's call that graded this candidate, when a judge is configured. */
  judge?: JudgeCost;
  /** A swipe read from another app's chat file: no critic saw it; `info` is that app's data for it. */
  imported?: { from: 'sillytavern'; info?: unknown };
  /** Set on a new version of a reply: continued by the model, or edited by the player. */
  revision?: CandidateRevision;
}

/** How a candidate came from another of its turn: `/continue` extended it, `/edit` rewrote it. */
export interface CandidateRevision {
  kind: 'continued' | 'edited';
  /** The id of the candidate it was made from. */
  from: string;
}

/** What the judge's one structured call for a generation cost; every candidate it graded carries it. */
export interface JudgeCost {
  /** Identifies the call, so a turn's candidates graded together count it once. */
  call: string;
  /** Candidates the call graded. */
  candidates: number;
  /** Null when the endpoint reported no usage. */
  promptTokens: number | null;
  completionTokens: number | null;
  ms: number;
  /** The output format the endpoint accepted. */
  format: JudgeFormat;
  /** Why the judge's verdicts are missing (a failed call, an unreadable answer); the patterns alone stand. */
  error?: string;
}

/** How the judge is asked for JSON: a schema, any JSON object, or in the prompt only. */
export type JudgeFormat = 'json_schema' | 'json_object' | 'plain';

export type InputKind = 'say' | 'continue' | 'ooc';

export interface PlayerInput {
  text: string;
  /** Milliseconds the player took to answer (TUI only). */
  latencyMs?: number;
}

/** A committed turn on the active branch, with everything the debug pane shows. */
export interface Turn {
  /** Node id in the session tree. */
  id: string;
  parentId: string | null;
  /** 1-based turn number along the branch (0 is the opening). */
  number: number;
  input: PlayerInput;
  candidates: Candidate[];
  /** Index into `candidates` of the reply kept. */
  chosen: number;
  plan: Plan;
  pacing: PacingEstimate;
  prompt: PromptDiagnostics;
  /** ms since epoch */
  createdAt: number;
  /** Set on a turn imported from another app's chat: its plan, pacing and prompt were never made. */
  imported?: ImportedTurn;
  /** The variables the turn's prompt changed (TurnRecord.variables). */
  variables?: VariableChanges;
}

// ---------------------------------------------------------------------------------------------
// Session events (what the TUI, headless mode and the evaluator consume)

export type SessionEvent =
  | { type: 'turn-start'; turn: number; input: PlayerInput; regenerate: boolean }
  | { type: 'plan'; turn: number; plan: Plan; pacing: PacingEstimate }
  | { type: 'prompt'; turn: number; prompt: PromptDiagnostics }
  | { type: 'candidate-start'; turn: number; candidate: number; variant: CandidateVariant }
  | { type: 'delta'; turn: number; candidate: number; text: string }
  | { type: 'reasoning'; turn: number; candidate: number; text: string }
  | {
      type: 'retry';
      turn: number;
      candidate: number;
      attempt: number;
      limit: number;
      delayMs: number;
      kind: ProviderErrorKind;
      reason: string;
    }
  | { type: 'candidate-done'; turn: number; candidate: number; result: Candidate }
  | { type: 'turn-done'; turn: Turn }
  | { type: 'error'; turn: number; error: ProviderFailure | { kind: 'engine'; message: string; retryable: boolean } }
  | { type: 'memory'; memory: MemoryState };

/** A message of another app's chat file, kept as it was (its fields are that app's). */
export type ForeignMessage = Record<string, unknown>;

/** An imported turn: no plan, prompt or critics were made for it; the source's own fields are kept. */
export interface ImportedTurn {
  from: 'sillytavern';
  /** The player's message, less its text. */
  input: ForeignMessage;
  /** The reply's message, less its text and swipes. */
  reply: ForeignMessage;
  /** The messages, as they were, when several in a row were merged into this turn. */
  merged?: ForeignMessage[];
}
