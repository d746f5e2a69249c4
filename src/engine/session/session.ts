/**
 * The Session: one story and its turn pipeline (pacing, planner, prompt, provider, repair,
 * critics, ranking, the log). The TUI, headless play and the evaluator drive it through
 * `SessionHandle`; everything outside the engine (provider, store, clock) is injected. This file
 * is its state and wiring: a turn (turn.ts), a regenerate (regenerate.ts) and the revisions
 * (engine/revise/) run through the host it hands them, the one-record moves are in moves.ts.
 */
import { inputTooLong } from '../input-limit.js';
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { BranchSummary, SessionHandle, SessionSnapshot, TurnOptions } from './api.js';
import type {
  Clock,
  Fact,
  MemoryState,
  PacingEstimate,
  PacingProfile,
  PlayerInput,
  Provider,
  SessionEvent,
  StoryMessage,
  Turn,
} from '../types.js';
import { hashSeed, seededRandom } from '../random.js';
import { TokenCounter, countTokens } from '../tokens.js';
import { compileLore } from '../lore/index.js';
import { addFacts, emptyMemory, type SummaryOptions } from '../memory/index.js';
import { PacingModel } from '../pacing/index.js';
import { neutralPlan } from '../planner/index.js';
import { critiqueCandidate } from '../critics/index.js';
import { loadLanguageDetector } from '../critics/language-id.js';
import type { SamplerRecord, SessionRecord, SessionStore } from './records.js';
import { ROOT, SessionTree, type TurnNode } from './tree.js';
import { criticContext, formatSessionId, historyOf, openingMessage } from './context.js';
import { loreSpan, turnInputs, type TurnInputs, type TurnRef } from './turn-inputs.js';
import type { Judge } from './turn-runner.js';
import { observeKept, replayInto } from './replay.js';
import { PacingReplay } from './pacing-replay.js';
import { namePlayer } from '../persona-name.js';
import { SnapshotStore } from './store.js';
import { StoryPrompt } from './story-prompt.js';
import type { AuthorsNote } from '../prompt/authors-note.js';
import { continueReply } from '../revise/continue.js';
import { editReply } from '../revise/edit-reply.js';
import { deleteRecord } from '../revise/delete.js';
import { draftMessage, type DraftResult } from '../revise/impersonate.js';
import { StorySamplers, type RunSamplers, type SamplerReport } from './samplers.js';
import { SessionError, engineError, errorMessage } from './errors.js';
import { findOpening, readStart, startRecord } from './start.js';
import { BUSY_MESSAGE, TurnGate } from './gate.js';
import type { TurnHost } from './host.js';
import { runTurn } from './turn.js';
import { runRegenerate } from './regenerate.js';
import {
  branchRecord,
  chooseRecord,
  forgetRecord,
  noteRecord,
  openingRecord,
  pinRecord,
  rewindRecord,
  systemPromptRecord,
} from './moves.js';

export { SessionError } from './errors.js';

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
  private readonly gate = new TurnGate();
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

  private constructor(deps: SessionDeps, id: string, opening: Opening, persona: PlayerPersona, seed: number, startedAt: number) {
    this.deps = deps;
    this.id = id;
    this.pack = deps.pack;
    this.opening_ = opening;
    this.persona = persona;
    this.seed = seed;
    this.startedAt = startedAt;
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
    const at = deps.clock.now();
    const session = new Session({ ...deps, pack }, id, opening, persona, deps.seed, at);
    const { candidateCount: candidates, budget, plannerOn: planner } = session;
    await deps.store.append(
      startRecord({
        id,
        at,
        pack: deps.pack,
        opening,
        persona,
        seed: deps.seed,
        provider: deps.provider,
        candidates,
        budget,
        planner,
        ...(deps.pacingProfile ? { pacingProfile: deps.pacingProfile } : {}),
      }),
    );
    return session;
  }

  /** Rebuilds a session from its records (the first must be its `session-start`); turns continue. */
  static async restore(records: readonly SessionRecord[], deps: SessionDeps): Promise<Session> {
    const { start, pack, persona, opening } = readStart(records, deps.pack);
    const base = start.pacingProfile ?? deps.pacingProfile;
    const session = new Session(
      { ...deps, pack, ...(base ? { pacingProfile: base } : {}) },
      start.id,
      opening,
      persona,
      start.seed,
      start.at,
    );
    session.pacingReplay = new PacingReplay(session.pacingModel_);
    replayInto(session.tree_, records.slice(1), session.pacingReplay, session.choiceSignalled);
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
    const swipe = openingRecord(this.tree_, this.pack, this.opening_, openingId, this.deps.clock);
    if (!swipe) return;
    await this.commit(swipe.record);
    this.opening_ = swipe.opening;
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
    const { pack, persona } = this;
    const plan = neutralPlan(pack, 0);
    critiqueCandidate(
      this.opening.text,
      criticContext({ pack, persona, plan, playerInput: this.opening.text.slice(0, 120), history: [], facts: [], turn: 0 }),
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
    return this.guarded(() => runTurn(this.host(), input, this.tree_.activeLeaf, 'play', options.signal));
  }

  edit(text: string, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    const tooLong = inputTooLong(text);
    if (tooLong) return this.refused(tooLong);
    const self = this;
    return this.guarded(async function* () {
      const leaf = self.tree_.node(self.tree_.activeLeaf);
      if (!leaf) {
        yield engineError(0, 'There is no message to edit yet; send one first.');
        return;
      }
      await self.commit({ type: 'edit', at: self.deps.clock.now(), replaces: leaf.id, text });
      yield* runTurn(self.host(), { text }, leaf.parentId ?? ROOT, 'edit', options.signal);
    });
  }

  regenerate(turnNumber?: number, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    const self = this;
    return this.guarded(async function* () {
      const branch = self.tree_.branch();
      const node = turnNumber === undefined ? branch[branch.length - 1] : branch.find((n) => n.number === turnNumber);
      if (!node) {
        const why = turnNumber === undefined ? 'There is no turn to regenerate yet.' : `There is no turn ${turnNumber} on this branch.`;
        yield engineError(turnNumber ?? 0, why);
        return;
      }
      yield* runRegenerate(self.host(), node, options.signal);
    });
  }

  continueReply(turnNumber?: number, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    return this.guarded(() => continueReply(this.host(), turnNumber, options.signal));
  }

  editReply(text: string, turnNumber?: number): AsyncIterable<SessionEvent> {
    return this.guarded(() => editReply(this.host(), text, turnNumber));
  }

  async deleteTurn(turnNumber?: number): Promise<{ turn: number; input: PlayerInput }> {
    const deletion = deleteRecord(this.tree_, turnNumber, this.deps.clock.now());
    if (typeof deletion === 'string') throw new SessionError(deletion);
    await this.commit(deletion.record);
    return { turn: deletion.turn, input: deletion.input };
  }

  async impersonate(hint?: string, options: TurnOptions = {}): Promise<DraftResult> {
    if (this.gate.busy) return { ok: false, message: BUSY_MESSAGE };
    const history = historyOf(this.openingMessage(), this.tree_.branch());
    const { provider } = this.deps;
    // Holding the gate while drafting, so the narrator is not swapped and no turn starts under the draft.
    return this.gate.hold(() =>
      draftMessage(provider, { pack: this.pack, persona: this.persona, history, ...(hint ? { hint } : {}) }, options.signal),
    );
  }

  async choose(turnNumber: number, index: number): Promise<void> {
    const record = chooseRecord(this.tree_, turnNumber, index, this.deps.clock);
    if (record) await this.commit(record);
  }

  async undo(): Promise<PlayerInput | undefined> {
    const rewind = rewindRecord(this.tree_, this.deps.clock);
    if (!rewind) return undefined;
    await this.commit(rewind.record);
    return rewind.input;
  }

  async remember(text: string): Promise<Fact> {
    const { record, fact } = pinRecord(this.tree_, text, this.deps.clock);
    await this.commit(record);
    return fact;
  }

  async forget(factId: string): Promise<boolean> {
    const record = forgetRecord(this.tree_, factId, this.deps.clock);
    if (record) await this.commit(record);
    return record !== undefined;
  }

  async switchBranch(leafId: string): Promise<void> {
    const record = branchRecord(this.tree_, leafId, this.deps.clock);
    if (record) await this.commit(record);
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
      throw new SessionError(errorMessage(error));
    }
    await this.commit(record);
    this.samplers_.apply(record);
    return record;
  }

  useProvider(provider: Provider, options: { summarize?: SummaryOptions['summarize']; systemPrompt?: string } = {}): void {
    // A running turn holds the provider it started with; swapping under it would mix two narrators
    // (and two summarizers) in one turn.
    if (this.gate.busy) throw new SessionError('The narrator cannot change while a reply is being written; wait for it, or stop it first.');
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
    await this.commit(noteRecord(note, this.deps.clock));
  }

  get systemPrompts(): { profile?: string; story?: string } {
    const { systemPrompt: profile } = this.deps;
    const story = this.storyPrompt.systemPrompt;
    return { ...(profile ? { profile } : {}), ...(story ? { story } : {}) };
  }

  /** Sets the story's own system prompt (`undefined` goes back to the profile's); recorded. */
  async setSystemPrompt(text: string | undefined): Promise<void> {
    await this.commit(systemPromptRecord(text, this.deps.clock));
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
    return this.gate.guarded(run, () => this.tree_.branch().length);
  }

  /** A line refused before anything happens: one error event, nothing saved. */
  private refused(message: string): AsyncIterable<SessionEvent> {
    const self = this;
    return this.guarded(async function* () {
      yield engineError(self.tree_.branch().length + 1, message);
    });
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
    const { number: turn, facts, id: nodeId } = node;
    return this.inputsAt({ path, playerInput: node.input.text, turn, facts, nodeId, baseIndex: node.candidates.length });
  }

  /** What a turn, a regenerate and the revisions (src/engine/revise/) work through, with the narrator of now. */
  private host(): TurnHost {
    const deps = this.deps;
    return {
      tree: this.tree_,
      provider: deps.provider,
      clock: deps.clock,
      ...(deps.judge ? { judge: deps.judge } : {}),
      ...(deps.summarize ? { summarize: deps.summarize } : {}),
      pack: this.pack,
      persona: this.persona,
      seed: this.seed,
      candidateCount: this.candidateCount,
      budget: this.budget,
      plannerOn: this.plannerOn,
      counter: this.counter,
      pacing: () => this.pacingModel.estimate(),
      observe: (signal) => this.pacingModel.observe(signal),
      answered: (parent) => observeKept(parent, this.pacingModel, this.choiceSignalled),
      commit: (record) => this.commit(record),
      inputsAt: (ref) => this.inputsAt(ref),
      turnInputs: (node) => this.nodeInputs(node),
      sampled: (request, index) => this.samplers_.request(request, index, deps.provider),
      stop: (own) => this.samplers_.stop(own, deps.provider),
      saveProfile: () => this.saveProfile(),
      error: engineError,
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
