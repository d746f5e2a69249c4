/**
 * The Session: one story and its turn pipeline (pacing, planner, prompt, provider, repair,
 * critics, ranking, the log). The TUI, headless play and the evaluator drive it through
 * `SessionHandle`; everything outside the engine (provider, store, clock) is injected. This file
 * is its state and wiring: a turn (turn.ts), a regenerate (regenerate.ts) and the revisions
 * (engine/revise/) run through the host it hands them (host.ts); the one-record moves are in
 * moves.ts, the story's material in story.ts, its pacing in story-pacing.ts.
 */
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import { inputTooLong } from '../input-limit.js';
import { addFacts, emptyMemory } from '../memory/index.js';
import { namePlayer } from '../persona-name.js';
import type { AuthorsNote } from '../prompt/authors-note.js';
import { hashSeed, seededRandom } from '../random.js';
import { continueReply } from '../revise/continue.js';
import { deleteRecord } from '../revise/delete.js';
import { editReply } from '../revise/edit-reply.js';
import { draftMessage, type DraftResult } from '../revise/impersonate.js';
import type { Fact, MemoryState, PacingEstimate, PlayerInput, Provider, SessionEvent, Turn } from '../types.js';
import type { BranchSummary, SessionHandle, SessionSnapshot, TurnOptions } from './api.js';
import { formatSessionId, historyOf } from './context.js';
import { runSettings, withProvider, type NarratorOptions, type SessionDeps } from './deps.js';
import { SessionError, engineError } from './errors.js';
import { BUSY_MESSAGE, TurnGate } from './gate.js';
import type { TurnHost } from './host.js';
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
import type { SamplerRecord, SessionRecord } from './records.js';
import { runRegenerate } from './regenerate.js';
import { StorySamplers, type SamplerReport } from './samplers.js';
import { findOpening, readStart, startRecord } from './start.js';
import { SnapshotStore } from './store.js';
import { Story } from './story.js';
import { StoryPacing } from './story-pacing.js';
import { StoryPrompt } from './story-prompt.js';
import { importedVariables } from './story-variables.js';
import { SessionTree } from './tree.js';
import { TreeViews } from './tree-views.js';
import { nodeRef, type TurnInputs, type TurnRef } from './turn-inputs.js';
import { runEdit, runTurn } from './turn.js';
import { warmCaches } from './warm-up.js';

export class Session implements SessionHandle {
  readonly pack: WorldPack;
  readonly persona: PlayerPersona;
  readonly seed: number;
  /** Every turn ever played in this session; `turns()` and `tree()` are its public views. */
  private readonly tree_ = new SessionTree((facts) => addFacts(emptyMemory(), facts).facts);
  private readonly views = new TreeViews(this.tree_);
  private readonly pacing_: StoryPacing;
  private readonly gate = new TurnGate();
  private readonly store_ = new SnapshotStore<SessionSnapshot>(() =>
    this.pacing_.withEstimate({
      turns: this.turns(),
      memory: this.memory(),
      tree: this.tree(),
      opening: this.story.opening,
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

  private constructor(
    private deps: SessionDeps,
    readonly id: string,
    private readonly story: Story,
  ) {
    this.pack = story.pack;
    this.persona = story.persona;
    this.seed = story.seed;
    this.pacing_ = new StoryPacing(deps.pacingProfile);
    const world = deps.pack.style.samplers;
    this.samplers_ = new StorySamplers(deps.samplers ?? {}, world ? { source: `world ${deps.pack.id}`, layer: world } : undefined);
  }

  /** Starts a new session and writes its first record. */
  static async create(deps: SessionDeps): Promise<Session> {
    const { pack, persona } = namePlayer(deps.pack, deps.persona ?? deps.pack.player);
    const opening = findOpening(pack, deps.openingId);
    const id = deps.id ?? formatSessionId(deps.clock.now(), seededRandom(hashSeed(deps.seed, deps.clock.now())));
    const at = deps.clock.now();
    const session = new Session({ ...deps, pack }, id, new Story(pack, opening, persona, deps.seed, at));
    await deps.store.append(startRecord(id, at, deps, opening, persona));
    return session;
  }

  /** Rebuilds a session from its records (the first must be its `session-start`); turns continue. */
  static async restore(records: readonly SessionRecord[], deps: SessionDeps): Promise<Session> {
    const { start, pack, persona, opening } = readStart(records, deps.pack);
    const base = start.pacingProfile ?? deps.pacingProfile;
    const resumed = { ...deps, pack, ...(base ? { pacingProfile: base } : {}) };
    const imported = importedVariables(start.imported?.header);
    const session = new Session(resumed, start.id, new Story(pack, opening, persona, start.seed, start.at, imported));
    session.pacing_.replayInto(session.tree_, records.slice(1), deps.pacingSnapshot);
    for (const record of records) session.storyPrompt.apply(record);
    session.samplers_.replay(records);
    return session;
  }

  /** The scene the story starts from. */
  get opening(): Opening {
    return this.story.opening;
  }

  /**
   * Swipes to another of the world's openings (a card's alternate greetings), only before the
   * first turn: the one on screen when the player answers is the story's. Recorded, so a resume
   * starts from it too.
   */
  async chooseOpening(openingId: string): Promise<void> {
    const swipe = openingRecord(this.tree_, this.pack, this.story.opening, openingId, this.deps.clock);
    if (!swipe) return;
    await this.commit(swipe.record);
    this.story.opening = swipe.opening;
    this.store_.changed();
  }

  /** The opening as the player reads it: macros resolved from the story's seed and start time. */
  get openingText(): string {
    return this.story.openingMessage().text;
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
    await warmCaches(this.pack, this.persona, this.opening);
    // Before the first turn needs it, not before the first frame (a `/regex/` key loads the pattern engine).
    this.story.compileLore();
    // A resume's pacing replay, done while the player reads rather than before the first frame.
    this.pacing_.settle();
  }

  get candidateCount(): number {
    return runSettings(this.deps).candidates;
  }

  get budget(): number {
    return runSettings(this.deps).budget;
  }

  get plannerOn(): boolean {
    return runSettings(this.deps).planner;
  }

  turns(): readonly Turn[] {
    return this.views.turns();
  }

  memory(): MemoryState {
    return this.tree_.memory(emptyMemory());
  }

  pacing(): PacingEstimate {
    return this.pacing_.estimate();
  }

  tree(): BranchSummary[] {
    return this.views.branches();
  }

  play(input: PlayerInput, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    const tooLong = inputTooLong(input.text);
    if (tooLong) return this.refused(tooLong);
    return this.guarded(() => runTurn(this.host(), input, this.tree_.activeLeaf, 'play', options.signal));
  }

  edit(text: string, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    const tooLong = inputTooLong(text);
    if (tooLong) return this.refused(tooLong);
    return this.guarded(() => runEdit(this.host(), text, options.signal));
  }

  regenerate(turnNumber?: number, options: TurnOptions = {}): AsyncIterable<SessionEvent> {
    return this.guarded(() => runRegenerate(this.host(), turnNumber, options.signal));
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
    const history = historyOf(this.story.openingMessage(), this.tree_.branch());
    const { provider } = this.deps;
    // Holding the gate while drafting, so the narrator is not swapped and no turn starts under the draft.
    return this.gate.hold(() =>
      draftMessage(
        provider,
        {
          pack: this.pack,
          persona: this.persona,
          history,
          ...(hint ? { hint } : {}),
          ...(this.deps.chatPreset ? { preset: this.deps.chatPreset } : {}),
        },
        options.signal,
      ),
    );
  }

  async choose(turnNumber: number, index: number): Promise<void> {
    await this.commit(chooseRecord(this.tree_, turnNumber, index, this.deps.clock));
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
    await this.commit(record);
    return record !== undefined;
  }

  async switchBranch(leafId: string): Promise<void> {
    await this.commit(branchRecord(this.tree_, leafId, this.deps.clock));
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
    const record = this.samplers_.recordFor(name, value, this.deps.clock.now());
    await this.commit(record);
    this.samplers_.apply(record);
    return record;
  }

  useProvider(provider: Provider, options: NarratorOptions = {}): void {
    // A running turn holds the provider it started with; swapping under it would mix two narrators
    // (and two summarizers) in one turn.
    if (this.gate.busy) throw new SessionError('The narrator cannot change while a reply is being written; wait for it, or stop it first.');
    this.deps = withProvider(this.deps, provider, options);
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
    return this.storyPrompt.systemPrompts(this.deps.systemPrompt);
  }

  /** Sets the story's own system prompt (`undefined` goes back to the profile's); recorded. */
  async setSystemPrompt(text: string | undefined): Promise<void> {
    await this.commit(systemPromptRecord(text, this.deps.clock));
  }

  /** Appends a record (durable once this resolves), then applies it to the tree; `undefined`: nothing to write. */
  private async commit(record: SessionRecord | undefined): Promise<void> {
    if (!record) return;
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
    const model = this.deps.provider.model;
    const now = {
      tree: this.tree_,
      now: this.deps.clock.now(),
      budget: this.budget,
      systemPrompts: this.systemPrompts,
      ...(this.deps.chatPreset ? { chatPreset: this.deps.chatPreset } : {}),
      ...(model ? { model } : {}),
    };
    return this.story.inputsAt(ref, { ...now, ...(note ? { authorsNote: note } : {}) });
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
      counter: this.story.counter,
      pacing: () => this.pacing_.estimate(),
      observe: (signal) => this.pacing_.observe(signal),
      answered: (parent) => this.pacing_.answered(parent),
      commit: (record) => this.commit(record),
      inputsAt: (ref) => this.inputsAt(ref),
      turnInputs: (node) => this.inputsAt(nodeRef(this.tree_, node)),
      sampled: (request, index) => this.samplers_.request(request, index, deps.provider),
      stop: (own, draw) => this.samplers_.stop(own, deps.provider, this.persona.name, draw),
      saveProfile: () => this.pacing_.saveProfile(deps.saveProfile),
      error: engineError,
    };
  }
}
