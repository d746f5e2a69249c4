/**
 * The Session: one story and its turn pipeline (pacing, planner, prompt, provider, repair,
 * critics, ranking, the log). The TUI, headless play and the evaluator drive it through
 * `SessionHandle`; everything outside the engine (provider, store, clock) is injected.
 */
import { inputTooLong } from '../input-limit.js';
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { BranchSummary, SessionHandle, SessionSnapshot, TurnOptions } from './api.js';
import type {
  Candidate,
  Clock,
  Fact,
  MemoryState,
  PacingEstimate,
  PacingProfile,
  Plan,
  PlayerInput,
  Provider,
  SessionEvent,
  Turn,
  StoryMessage,
} from '../types.js';
import { hashSeed, seededRandom } from '../random.js';
import { TokenCounter, countTokens } from '../tokens.js';
import { compileLore } from '../lore/index.js';
import { buildPrompt } from '../prompt/index.js';
import { addFacts, emptyMemory, extractFacts, pinFact, scrolledOut, updateSummary, type SummaryOptions } from '../memory/index.js';
import { PacingModel } from '../pacing/index.js';
import { neutralPlan, planTurn } from '../planner/index.js';
import { planForVariant, rankCandidates } from '../carousel/index.js';
import { critiqueCandidate } from '../critics/index.js';
import { swipedOpening, type SessionRecord, type SessionStartRecord, type SessionStore, type TurnRecord } from './records.js';
import { ROOT, SessionTree, type TurnNode } from './tree.js';
import { criticContext, formatSessionId, historyOf, maxReplyTokens, openingMessage, variantsOf } from './context.js';
import { loreSpan, turnInputs, type TurnInputs, type TurnRef } from './turn-inputs.js';
import { runGeneration, type Judge } from './turn-runner.js';
import { loadLanguageDetector } from '../critics/language-id.js';
import { observeKept, replayInto } from './replay.js';
import { PacingReplay, type PacingSnapshotDeps } from './pacing-replay.js';
import { namePlayer } from '../persona-name.js';
import { freshModelFacts } from './model-facts.js';
import { SnapshotStore } from './store.js';
import { StoryPrompt, noteProblem, systemPromptProblem } from './story-prompt.js';
import type { AuthorsNote } from '../prompt/authors-note.js';
import type { ReviseHost } from '../revise/host.js';
import { continueReply } from '../revise/continue.js';
import { editReply } from '../revise/edit-reply.js';
import { deleteRecord } from '../revise/delete.js';
import { draftMessage, type DraftResult } from '../revise/impersonate.js';
import { StorySamplers, type RunSamplers, type SamplerReport } from './samplers.js';
import type { SamplerRecord } from './records.js';

export interface SessionDeps {
  pack: WorldPack;
  openingId?: string;
  persona?: PlayerPersona;
  provider: Provider;
  store: SessionStore;
  clock: Clock;
  seed: number;
  /** Candidates per turn (default 3). */
  candidates?: number;
  /** Context budget in tokens (default 8192). */
  budget?: number;
  /** false: every turn gets the neutral plan (for comparisons). */
  planner?: boolean;
  pacingProfile?: PacingProfile;
  saveProfile?: (profile: PacingProfile) => Promise<void>;
  /** A resume's pacing state as of its first `covered` records, and where to keep it once replayed. */
  pacingSnapshot?: PacingSnapshotDeps;
  /** Writes the rolling summary with a model; extractive when absent. */
  summarize?: SummaryOptions['summarize'];
  /** A session id chosen by the caller (the CLI); otherwise one is made from the clock. */
  id?: string;
  /** The optional LLM judge (off unless a judge profile is configured). */
  judge?: Judge;
  /** The narrating profile's own system prompt, over skald's rules (a story's `/system` wins over it). */
  systemPrompt?: string;
  /** Sampler layers from the run: a profile (and its preset) below the world, a preset and flags above the story. */
  samplers?: RunSamplers;
}

/** A call the Session cannot honour (an unknown turn, branch or candidate). */
export class SessionError extends Error {
  override readonly name = 'SessionError';
}

type EngineError = { kind: 'engine'; message: string; retryable: boolean };

export class Session implements SessionHandle {
  readonly id: string;
  readonly pack: WorldPack;
  private opening_: Opening;
  readonly persona: PlayerPersona;
  readonly seed: number;
  /** Every turn ever played in this session; `turns()` and `tree()` are its public views. */
  private readonly tree_ = new SessionTree((facts) => addFacts(emptyMemory(), facts).facts);
  private deps: SessionDeps;
  private readonly pacingModel_: PacingModel;
  /** A resumed session's replayed pacing signals, fed to the model on first use. */
  private pacingReplay: PacingReplay | undefined;
  private readonly counter = new TokenCounter();
  private readonly lore: ReturnType<typeof compileLore>;
  /** Nodes whose kept reply has already been fed to the pacing model. */
  private readonly choiceSignalled = new Set<string>();
  private busy = false;
  /** When the story began: the opening's time and date macros read this clock, so they never change. */
  private startedAt: number | undefined;
  /** The longest sticky plus cooldown span of the pack's lore, in messages. */
  private loreSpan: number | undefined;
  private readonly store_ = new SnapshotStore<SessionSnapshot>(() =>
    this.withPacing({
      turns: this.turns(),
      memory: this.memory(),
      tree: this.tree(),
      opening: this.opening_,
      providerId: this.providerId,
      providerLabel: this.providerLabel,
    }),
  );
  /** Hears every change of the committed state (a turn, a choice, a branch, a fact, the narrator). */
  readonly subscribe = (listener: () => void): (() => void) => this.store_.subscribe(listener);
  /** The committed state; the same object until it changes. */
  readonly getSnapshot = (): SessionSnapshot => this.store_.getSnapshot();
  /** The author's note and the story's system prompt, as the log last set them. */
  private readonly storyPrompt = new StoryPrompt();
  private readonly samplers_: StorySamplers;

  private constructor(deps: SessionDeps, id: string, opening: Opening, persona: PlayerPersona, seed: number) {
    this.deps = deps;
    this.id = id;
    this.pack = deps.pack;
    this.opening_ = opening;
    this.persona = persona;
    this.seed = seed;
    this.pacingModel_ = new PacingModel(deps.pacingProfile);
    this.lore = compileLore(deps.pack.lore);
    const world = deps.pack.style.samplers;
    this.samplers_ = new StorySamplers(deps.samplers ?? {}, world ? { source: `world ${deps.pack.id}`, layer: world } : undefined);
  }

  /** Starts a new session and writes its first record. */
  static async create(deps: SessionDeps): Promise<Session> {
    const { pack, persona } = namePlayer(deps.pack, deps.persona ?? deps.pack.player);
    const opening = findOpening(pack, deps.openingId);
    const id = deps.id ?? formatSessionId(deps.clock.now(), seededRandom(hashSeed(deps.seed, deps.clock.now())));
    const session = new Session({ ...deps, pack }, id, opening, persona, deps.seed);
    const start: SessionStartRecord = {
      type: 'session-start',
      v: 1,
      id,
      at: deps.clock.now(),
      packId: deps.pack.id,
      packTitle: deps.pack.title,
      openingId: opening.id,
      persona: persona.name,
      seed: deps.seed,
      provider: {
        id: deps.provider.id,
        label: deps.provider.label,
        offline: deps.provider.offline,
        ...(deps.provider.model ? { model: deps.provider.model } : {}),
      },
      candidates: session.candidateCount,
      budget: session.budget,
      planner: session.plannerOn,
      ...(deps.pacingProfile ? { pacingProfile: deps.pacingProfile } : {}),
    };
    session.startedAt = start.at;
    await deps.store.append(start);
    return session;
  }

  /** Rebuilds a session from its records (the first must be its `session-start`); turns continue. */
  static async restore(records: readonly SessionRecord[], deps: SessionDeps): Promise<Session> {
    const start = records[0];
    if (!start || start.type !== 'session-start')
      throw new SessionError('This session has no readable start record, so it cannot be resumed.');
    // A start record rebuilt from a damaged line may have lost its world, opening or name (empty).
    if (start.packId && start.packId !== deps.pack.id)
      throw new SessionError(`This session was played in world "${start.packId}", not "${deps.pack.id}".`);
    const { pack, persona } = namePlayer(deps.pack, start.persona ? { ...deps.pack.player, name: start.persona } : deps.pack.player);
    // An opening swiped to before the first turn replaces the one the story started with.
    const swiped = swipedOpening(records, (id) => pack.openings.some((o) => o.id === id));
    const found = findOpening(pack, swiped ?? (start.openingId || undefined));
    // An imported story keeps the opening it was written from until another is swiped to.
    const opening = start.openingText !== undefined && !swiped ? { ...found, text: start.openingText } : found;
    const base = start.pacingProfile ?? deps.pacingProfile;
    const session = new Session({ ...deps, pack, ...(base ? { pacingProfile: base } : {}) }, start.id, opening, persona, start.seed);
    session.startedAt = start.at;
    const snap = deps.pacingSnapshot;
    session.pacingReplay = new PacingReplay(session.pacingModel_, snap?.keep && ((m) => snap.keep?.(m.snapshot(), records.length)));
    const covered = snap?.state && snap.covered <= records.length && session.pacingModel_.restore(snap.state) ? snap.covered - 1 : 0;
    replayInto(session.tree_, records.slice(1), session.pacingReplay, session.choiceSignalled, covered);
    for (const record of records) session.storyPrompt.apply(record);
    session.samplers_.replay(records);
    return session;
  }

  /** The pacing model, fed a resume's replayed signals first if they still wait. */
  private get pacingModel(): PacingModel {
    return this.pacingReplay?.settle() ?? this.pacingModel_;
  }

  /** The snapshot with its pacing, computed only when read while a resume's replay is pending. */
  private withPacing(fields: Omit<SessionSnapshot, 'pacing'>): SessionSnapshot {
    const replay = this.pacingReplay;
    if (!replay?.pending) return { ...fields, pacing: this.pacing() };
    return Object.defineProperty(fields, 'pacing', { get: () => replay.estimateAtRestore(), enumerable: true }) as SessionSnapshot;
  }

  /** The scene the story starts from. */
  get opening(): Opening {
    return this.opening_;
  }

  /**
   * Swipes to another of the world's openings (a card's alternate greetings), only before the
   * first turn: the one on screen when the player answers is the story's. Recorded, so a resume
   * starts from it too.
   */
  async chooseOpening(openingId: string): Promise<void> {
    if (this.tree_.nodes.size > 0)
      throw new SessionError('The opening can only be swiped before the first turn; `/opening ID` starts a new story from another.');
    const opening = this.pack.openings.find((o) => o.id === openingId);
    if (!opening) throw new SessionError(`World "${this.pack.id}" has no opening "${openingId}".`);
    if (opening.id === this.opening_.id) return;
    await this.commit({ type: 'opening', at: this.deps.clock.now(), openingId: opening.id });
    this.opening_ = opening;
    this.store_.changed();
  }

  /** The opening as the player reads it: macros resolved from the story's seed and start time. */
  get openingText(): string {
    return this.openingMessage().text;
  }

  private openingMessage(): StoryMessage {
    return openingMessage(this.pack, this.opening, this.persona, this.seed, this.startedAt);
  }

  // Read from the injected provider, so they follow `useProvider`.
  get providerId(): string {
    return this.deps.provider.id;
  }

  get providerLabel(): string {
    return this.deps.provider.label;
  }

  get offline(): boolean {
    return this.deps.provider.offline;
  }

  async warmUp(): Promise<void> {
    // A critique of the opening compiles every critic's patterns for this pack and persona, and
    // counting its tokens loads the encoder: ~0.2 s the first reply would otherwise wait for.
    // Only caches keyed by pack and text are filled; no state of the story changes.
    await loadLanguageDetector();
    // A resume's pacing replay, done while the player reads rather than before the first frame.
    this.pacingReplay?.settle();
    critiqueCandidate(
      this.opening.text,
      criticContext({
        pack: this.pack,
        persona: this.persona,
        plan: neutralPlan(this.pack, 0),
        playerInput: this.opening.text.slice(0, 120),
        history: [],
        facts: [],
        turn: 0,
      }),
    );
    countTokens(this.opening.text);
  }

  get candidateCount(): number {
    return Math.max(1, this.deps.candidates ?? 3);
  }

  get budget(): number {
    return this.deps.budget ?? 8192;
  }

  get plannerOn(): boolean {
    return this.deps.planner ?? true;
  }

  turns(): readonly Turn[] {
    return this.tree_.branch().map(SessionTree.toTurn);
  }

  memory(): MemoryState {
    return this.tree_.memory(emptyMemory());
  }

  pacing(): PacingEstimate {
    return this.pacingModel.estimate();
  }

  tree(): BranchSummary[] {
    return this.tree_.summaries();
  }

  play(input: PlayerInput, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    const tooLong = inputTooLong(input.text);
    if (tooLong) return this.refused(tooLong);
    return this.guarded(() => this.runTurn(input, this.tree_.activeLeaf, 'play', options));
  }

  /** A line refused before anything happens: one error event, nothing saved. */
  private refused(message: string): AsyncIterable<SessionEvent> {
    const self = this;
    return this.guarded(async function* () {
      yield self.engineError(self.tree_.branch().length + 1, message);
    });
  }

  edit(text: string, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    const tooLong = inputTooLong(text);
    if (tooLong) return this.refused(tooLong);
    const self = this;
    return this.guarded(async function* () {
      const leaf = self.tree_.node(self.tree_.activeLeaf);
      if (!leaf) {
        yield self.engineError(0, 'There is no message to edit yet; send one first.');
        return;
      }
      await self.commit({ type: 'edit', at: self.deps.clock.now(), replaces: leaf.id, text });
      yield* self.runTurn({ text }, leaf.parentId ?? ROOT, 'edit', options);
    });
  }

  regenerate(turnNumber?: number, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    const self = this;
    return this.guarded(async function* () {
      const branch = self.tree_.branch();
      const node = turnNumber === undefined ? branch[branch.length - 1] : branch.find((n) => n.number === turnNumber);
      if (!node) {
        yield self.engineError(
          turnNumber ?? 0,
          turnNumber === undefined ? 'There is no turn to regenerate yet.' : `There is no turn ${turnNumber} on this branch.`,
        );
        return;
      }
      yield* self.runRegenerate(node, options);
    });
  }

  continueReply(turnNumber?: number, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    return this.guarded(() => continueReply(this.reviseHost(), turnNumber, options.signal));
  }

  editReply(text: string, turnNumber?: number): AsyncIterable<SessionEvent> {
    return this.guarded(() => editReply(this.reviseHost(), text, turnNumber));
  }

  async deleteTurn(turnNumber?: number): Promise<{ turn: number; input: PlayerInput }> {
    const deletion = deleteRecord(this.tree_, turnNumber, this.deps.clock.now());
    if (typeof deletion === 'string') throw new SessionError(deletion);
    await this.commit(deletion.record);
    return { turn: deletion.turn, input: deletion.input };
  }

  async impersonate(hint?: string, options: TurnOptions = {}): Promise<DraftResult> {
    if (this.busy) return { ok: false, message: 'A turn is still running; wait for it or stop it first.' };
    const history = historyOf(this.openingMessage(), this.tree_.branch());
    // Busy while drafting, so the narrator is not swapped and no turn starts under the draft.
    this.busy = true;
    try {
      return await draftMessage(
        this.deps.provider,
        { pack: this.pack, persona: this.persona, history, ...(hint ? { hint } : {}) },
        options.signal,
      );
    } finally {
      this.busy = false;
    }
  }

  async choose(turnNumber: number, index: number): Promise<void> {
    const node = this.tree_.atTurn(turnNumber);
    if (!node) throw new SessionError(`There is no turn ${turnNumber} on this branch.`);
    if (!Number.isInteger(index) || index < 0 || index >= node.candidates.length) {
      throw new SessionError(`Turn ${turnNumber} has ${node.candidates.length} candidates; pick one of 1-${node.candidates.length}.`);
    }
    if (index === node.chosen) return;
    const isLast = node.id === this.tree_.activeLeaf;
    await this.commit({
      type: 'choose',
      at: this.deps.clock.now(),
      nodeId: node.id,
      index,
      ...(isLast ? {} : { forkId: this.tree_.nextId() }),
    });
  }

  async undo(): Promise<PlayerInput | undefined> {
    const leaf = this.tree_.node(this.tree_.activeLeaf);
    if (!leaf) return undefined;
    await this.commit({ type: 'rewind', at: this.deps.clock.now(), from: leaf.id, leafId: leaf.parentId ?? ROOT });
    return leaf.input;
  }

  async remember(text: string): Promise<Fact> {
    const memory = this.memory();
    const { fact } = pinFact(memory, text, this.tree_.branch().length);
    const taken = new Set(
      [...this.tree_.nodes.values()].flatMap((n) => n.facts.map((f) => f.id)).concat(this.tree_.pinned.map((f) => f.id)),
    );
    let id = fact.id;
    for (let k = 2; taken.has(id); k++) id = `${fact.id}-${k}`;
    const pinned: Fact = { ...fact, id, source: 'pinned' };
    await this.commit({ type: 'memory', at: this.deps.clock.now(), op: 'pin', fact: pinned });
    return pinned;
  }

  async forget(factId: string): Promise<boolean> {
    if (!this.tree_.hasFact(factId)) return false;
    await this.commit({ type: 'memory', at: this.deps.clock.now(), op: 'forget', factId });
    return true;
  }

  /** The samplers requests are sent with, where each comes from, and what the endpoint leaves out. */
  samplers(): SamplerReport {
    return this.samplers_.report(this.deps.provider);
  }

  /**
   * `/set KEY VALUE` for this story (`default` clears it here, `none` stops it being sent),
   * recorded so a resume keeps it. A bad name or value is a SessionError with one sentence.
   */
  async setSampler(name: string, value: string): Promise<SamplerRecord> {
    let record: SamplerRecord;
    try {
      record = this.samplers_.recordFor(name, value, this.deps.clock.now());
    } catch (error) {
      throw new SessionError(message(error));
    }
    await this.commit(record);
    this.samplers_.apply(record);
    return record;
  }

  useProvider(provider: Provider, options: { summarize?: SummaryOptions['summarize']; systemPrompt?: string } = {}): void {
    // A running turn holds the provider it started with; swapping under it would mix two narrators
    // (and two summarizers) in one turn.
    if (this.busy) throw new SessionError('The narrator cannot change while a reply is being written; wait for it, or stop it first.');
    const { summarize: _previous, systemPrompt: _prompt, ...rest } = this.deps;
    this.deps = {
      ...rest,
      provider,
      ...(options.summarize ? { summarize: options.summarize } : {}),
      ...(options.systemPrompt ? { systemPrompt: options.systemPrompt } : {}),
    };
    this.store_.changed();
  }

  get authorsNote(): AuthorsNote | undefined {
    return this.storyPrompt.note;
  }

  /** Sets the story's author's note (`undefined` removes it); recorded, so a resume keeps it. */
  async setAuthorsNote(note: AuthorsNote | undefined): Promise<void> {
    const problem = note ? noteProblem(note) : undefined;
    if (problem) throw new SessionError(problem);
    await this.commit({
      type: 'note',
      at: this.deps.clock.now(),
      note: note ? { text: note.text, depth: note.depth, every: note.every } : null,
    });
  }

  get systemPrompts(): { profile?: string; story?: string } {
    const { systemPrompt: profile } = this.deps;
    const story = this.storyPrompt.systemPrompt;
    return { ...(profile ? { profile } : {}), ...(story ? { story } : {}) };
  }

  /** Sets the story's own system prompt (`undefined` goes back to the profile's); recorded. */
  async setSystemPrompt(text: string | undefined): Promise<void> {
    const problem = text === undefined ? undefined : systemPromptProblem(text);
    if (problem) throw new SessionError(problem);
    await this.commit({ type: 'system-prompt', at: this.deps.clock.now(), text: text ?? null });
  }

  async switchBranch(leafId: string): Promise<void> {
    if (leafId !== ROOT && !this.tree_.node(leafId)) throw new SessionError(`There is no branch "${leafId}" in this session.`);
    if (leafId === this.tree_.activeLeaf) return;
    await this.commit({ type: 'branch', at: this.deps.clock.now(), leafId });
  }

  // -------------------------------------------------------------------------------------------

  /** Appends a record (durable once this resolves), then applies it to the tree. */
  private async commit(record: SessionRecord): Promise<void> {
    await this.deps.store.append(record);
    this.tree_.apply(record);
    this.storyPrompt.apply(record);
    this.store_.changed();
  }

  /** One turn at a time: a second call while one runs gets an error event instead. */
  private guarded(run: () => AsyncGenerator<SessionEvent>): AsyncIterable<SessionEvent> {
    const self = this;
    return (async function* () {
      if (self.busy) {
        yield self.engineError(self.tree_.branch().length, 'A turn is still running; wait for it or stop it first.');
        return;
      }
      self.busy = true;
      try {
        yield* run();
      } finally {
        self.busy = false;
      }
    })();
  }

  private engineError(turn: number, message: string, retryable = false): SessionEvent {
    const error: EngineError = { kind: 'engine', message, retryable };
    return { type: 'error', turn, error };
  }

  /** The inputs of a reply at the end of `ref.path` (the clock is read once, for its macros). */
  private inputsAt(ref: TurnRef): TurnInputs {
    const note = this.storyPrompt.note;
    return turnInputs(
      {
        pack: this.pack,
        opening: this.opening,
        persona: this.persona,
        openingMessage: this.openingMessage(),
        seed: this.seed,
        budget: this.budget,
        counter: this.counter,
        lore: this.lore,
        loreSpan: (this.loreSpan ??= loreSpan(this.pack)),
        tree: this.tree_,
        now: this.deps.clock.now(),
        ...(note ? { authorsNote: note } : {}),
        systemPrompts: this.systemPrompts,
      },
      ref,
    );
  }

  /** The inputs of another reply at `node`, as its first replies had them. */
  private nodeInputs(node: TurnNode): TurnInputs {
    const path = this.tree_.branch(node.parentId ?? ROOT);
    return this.inputsAt({
      path,
      playerInput: node.input.text,
      turn: node.number,
      facts: node.facts,
      nodeId: node.id,
      baseIndex: node.candidates.length,
    });
  }

  private async *runTurn(input: PlayerInput, parentId: string, cause: 'play' | 'edit', options: TurnOptions): AsyncGenerator<SessionEvent> {
    const clock = this.deps.clock;
    const path = this.tree_.branch(parentId);
    const parent = path[path.length - 1];
    // From the parent's number, not the path's length: a damaged log can leave a gap in the numbers.
    const number = (parent?.number ?? 0) + 1;
    const nodeId = this.tree_.nextId();
    yield { type: 'turn-start', turn: number, input, regenerate: false };

    // The reply the player kept before answering is a revealed preference.
    observeKept(parent, this.pacingModel, this.choiceSignalled);
    this.pacingModel.observe({
      kind: 'message',
      text: input.text,
      turn: number,
      ...(input.latencyMs !== undefined ? { latencyMs: input.latencyMs } : {}),
    });
    const pacing = this.pacingModel.estimate();

    const facts = extractFacts(input.text, number, this.persona.name, this.pack.language);
    // One clock reading and one look back for every variant: they see the same macros and lore.
    const inputs = this.inputsAt({ path, playerInput: input.text, turn: number, facts, nodeId });
    const { history, memory } = inputs;
    const random = seededRandom(hashSeed(this.seed, 'turn', nodeId));
    let plan: Plan;
    try {
      plan = this.plannerOn
        ? planTurn({
            pack: this.pack,
            turn: number,
            playerInput: input.text,
            pacing,
            previousPlans: path.map((n) => n.plan),
            recentCritics: path.slice(-4).map((n) => n.candidates[n.chosen]?.critics ?? []),
            history,
            random,
          })
        : neutralPlan(this.pack, number);
    } catch (error) {
      yield this.engineError(number, `The planner failed (${message(error)}); the turn used a neutral plan.`);
      plan = neutralPlan(this.pack, number);
    }
    yield { type: 'plan', turn: number, plan, pacing };

    const variants = variantsOf(plan, this.candidateCount, random);
    const built = variants.map((variant) => {
      const variantPlan = planForVariant(plan, variant);
      return { variant, plan: variantPlan, prompt: buildPrompt(inputs.promptInput(variantPlan)) };
    });
    const diagnostics = { ...built[0].prompt.diagnostics, stop: this.samplers_.stop(built[0].prompt.diagnostics.stop, this.deps.provider) };
    yield { type: 'prompt', turn: number, prompt: diagnostics };
    if (!this.deps.provider.offline && diagnostics.historyMessages === 0) {
      // The player's own line did not fit the context budget: a request without it would answer
      // something else, so nothing is sent and the player is told why.
      const tokens = this.counter.countMessage(input.text);
      yield this.engineError(
        number,
        `Your message is about ${tokens.toLocaleString('en-US')} tokens, more than the context budget (${this.budget.toLocaleString('en-US')} tokens, with the world's setup and the reply) can hold, so nothing was sent. Shorten it, or raise the budget (--budget, or the contextBudget setting).`,
      );
      return;
    }

    const generation = runGeneration({
      ...(this.deps.judge ? { judge: this.deps.judge } : {}),
      turn: number,
      baseIndex: 0,
      idPrefix: `${nodeId}-`,
      provider: this.deps.provider,
      clock,
      signal: options.signal,
      requests: built.map((b, i) =>
        this.samplers_.request(
          { messages: b.prompt.messages, variant: b.variant, plan: b.plan, maxTokens: maxReplyTokens(b.plan) },
          i,
          this.deps.provider,
        ),
      ),
      stop: diagnostics.stop,
      context: inputs.narration(diagnostics.lore),
      criticContext: (i) => inputs.criticContext(built[i].plan),
    });
    const candidates = yield* generation;
    const usable = candidates.filter((c) => c.text.trim().length > 0);
    if (usable.length === 0) {
      // The provider's own sentence already said what went wrong; only a retryable failure invites a retry.
      const retryable = candidates.every((c) => !c.error || c.error.retryable);
      yield this.engineError(
        number,
        retryable ? 'No candidate arrived for this turn, so nothing was saved; try again.' : 'Nothing was saved for this turn.',
        retryable,
      );
      return;
    }
    // Complete replies first, each group in the carousel's order: a cut-off reply is never the default.
    const ranked = [...rankCandidates(usable.filter((c) => !c.incomplete)), ...rankCandidates(usable.filter((c) => c.incomplete))];

    // What no longer fits the prompt window goes into the rolling summary.
    const scrolled = scrolledOut(history, memory, diagnostics.historyMessages);
    let summary = inputs.summary;
    // Facts the summary model reported for the turns that scrolled out; they keep their own turn.
    let found: Fact[] = [];
    try {
      const updated = await updateSummary(memory, scrolled, {
        maxTokens: Math.max(128, Math.floor(this.budget / 16)),
        counter: this.counter,
        playerName: this.persona.name,
        names: this.pack.characters.map((c) => c.name),
        language: this.pack.language,
        ...(this.deps.summarize ? { summarize: this.deps.summarize } : {}),
      });
      summary = { summary: updated.summary, summaryThrough: updated.summaryThrough };
      found = freshModelFacts(updated.found, memory.facts, this.tree_);
    } catch (error) {
      yield this.engineError(number, `The summary could not be updated (${message(error)}); the previous one is kept.`);
    }

    const record: TurnRecord = {
      type: 'turn',
      at: clock.now(),
      nodeId,
      parentId: parent ? parent.id : null,
      number,
      cause,
      input,
      candidates: ranked,
      chosen: 0,
      plan,
      pacing,
      prompt: diagnostics,
      facts: [...facts, ...found],
      memory: summary,
    };
    try {
      await this.commit(record);
    } catch (error) {
      yield this.engineError(number, `The turn could not be saved (${message(error)}); check the data folder and try again.`, true);
      return;
    }
    await this.saveProfile();
    yield { type: 'memory', memory: this.memory() };
    yield { type: 'turn-done', turn: SessionTree.toTurn(this.tree_.committed(nodeId)) };
  }

  private async *runRegenerate(node: TurnNode, options: TurnOptions): AsyncGenerator<SessionEvent> {
    const clock = this.deps.clock;
    const isLast = node.id === this.tree_.activeLeaf;
    const rejected = node.candidates[node.chosen];
    yield { type: 'turn-start', turn: node.number, input: node.input, regenerate: true };
    await this.commit({ type: 'regenerate', at: clock.now(), nodeId: node.id, rejected: node.chosen });
    if (rejected)
      this.pacingModel.observe({ kind: 'regenerate', turn: node.number, rejected: rejected.variant, pivot: Boolean(node.plan.pivot) });
    const pacing = this.pacingModel.estimate();
    yield { type: 'plan', turn: node.number, plan: node.plan, pacing };

    const inputs = this.nodeInputs(node);
    const baseIndex = node.candidates.length;
    const random = seededRandom(hashSeed(this.seed, 'regenerate', node.id, baseIndex));
    const variants = variantsOf(node.plan, baseIndex + 1, random);
    const variant = variants[variants.length - 1];
    const plan = planForVariant(node.plan, variant);
    const prompt = buildPrompt(inputs.promptInput(plan));
    const diagnostics = { ...prompt.diagnostics, stop: this.samplers_.stop(prompt.diagnostics.stop, this.deps.provider) };
    yield { type: 'prompt', turn: node.number, prompt: diagnostics };

    const candidates: Candidate[] = yield* runGeneration({
      ...(this.deps.judge ? { judge: this.deps.judge } : {}),
      turn: node.number,
      baseIndex,
      idPrefix: `${node.id}-r${clock.now().toString(36)}-`,
      provider: this.deps.provider,
      clock,
      signal: options.signal,
      requests: [
        this.samplers_.request(
          { messages: prompt.messages, variant, plan, maxTokens: maxReplyTokens(plan) },
          baseIndex,
          this.deps.provider,
        ),
      ],
      stop: diagnostics.stop,
      context: inputs.narration(prompt.diagnostics.lore),
      criticContext: () => inputs.criticContext(plan),
    });
    const candidate = candidates[0];
    if (!candidate || !candidate.text.trim()) {
      yield this.engineError(node.number, 'The new candidate did not arrive, so nothing was saved; try again.', true);
      return;
    }
    const forkId = isLast ? undefined : this.tree_.nextId();
    try {
      await this.commit({
        type: 'candidate',
        at: clock.now(),
        nodeId: node.id,
        ...(forkId ? { forkId } : {}),
        candidate,
        chosen: baseIndex,
      });
    } catch (error) {
      yield this.engineError(
        node.number,
        `The candidate could not be saved (${message(error)}); check the data folder and try again.`,
        true,
      );
      return;
    }
    await this.saveProfile();
    yield { type: 'turn-done', turn: SessionTree.toTurn(this.tree_.committed(forkId ?? node.id)) };
  }

  /** What continue, edit and impersonate (src/engine/revise/) work through. */
  private reviseHost(): ReviseHost {
    const deps = this.deps;
    return {
      tree: this.tree_,
      provider: deps.provider,
      clock: deps.clock,
      ...(deps.judge ? { judge: deps.judge } : {}),
      pacing: () => this.pacingModel.estimate(),
      commit: (record) => this.commit(record),
      turnInputs: (node) => this.nodeInputs(node),
      sampled: (request, index) => this.samplers_.request(request, index, deps.provider),
      stop: (own) => this.samplers_.stop(own, deps.provider),
      saveProfile: () => this.saveProfile(),
      error: (turn, text, retryable) => this.engineError(turn, text, retryable),
    };
  }

  private async saveProfile(): Promise<void> {
    if (!this.deps.saveProfile) return;
    try {
      await this.deps.saveProfile(this.pacingModel.profile());
    } catch {
      // The long-term profile is a convenience; a failed save must not cost the player a turn.
    }
  }
}

function findOpening(pack: WorldPack, openingId?: string): Opening {
  if (pack.openings.length === 0) throw new SessionError(`World "${pack.id}" has no opening to start from.`);
  if (!openingId) return pack.openings[0];
  const opening = pack.openings.find((o) => o.id === openingId);
  if (!opening)
    throw new SessionError(`World "${pack.id}" has no opening "${openingId}"; it has ${pack.openings.map((o) => o.id).join(', ')}.`);
  return opening;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
