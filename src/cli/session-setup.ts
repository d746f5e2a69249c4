/**
 * Builds a Session from command-line options: the world (id or path), the opening, the persona,
 * the provider, the session file and the long-term pacing profile. Shared by headless play and
 * the TUI, so both start and resume sessions the same way.
 */
import type { EndpointAddress } from '../providers/openai/failures.js';
import { SessionError, type Session } from '../engine/session/index.js';
import { openSession } from '../engine/session/open.js';
import type { SessionRecord, SessionStartRecord, SessionStore } from '../engine/session/records.js';
import { readFile } from 'node:fs/promises';
import { readLogStart, readLogTail, type TailEnough } from '../store/tail.js';
import { personaNameProblem } from '../engine/persona-name.js';
import { startPlayer } from '../engine/session/start.js';
import type { Clock, PacingProfile, Provider } from '../engine/types.js';
import { hashSeed, seededRandom } from '../engine/random.js';
import { formatSessionId } from '../engine/session/context.js';
import { providerFor, resolveEndpoint, resolveProvider } from '../providers/select.js';
import { readSettings, type Settings } from '../config/settings.js';
import { createTurnJudge } from '../engine/critics/judge-turn.js';
import type { Judge } from '../engine/session/turn-runner.js';
import { formatProblem } from '../world/problems.js';
import { resolveWorldOrExit } from './world-resolve.js';
import { resolveWorld, UnknownWorldError } from '../world/discover.js';
import type { LoadedPack, WorldPack } from '../world/types.js';
import { JsonlSessionStore, sessionPath } from '../store/session-file.js';
import { readPacingSnapshot, writePacingSnapshot } from '../store/pacing-snapshot.js';
import type { PacingState } from '../engine/pacing/index.js';
import { writeSessionCopy } from '../store/copy.js';
import { SessionLockedError } from '../store/lock.js';
import { SessionLoadError } from '../store/load-error.js';
import { resolveSessionId } from '../store/list.js';
import { backgroundProfileSaver, loadProfile } from '../store/profile.js';
import { InputError, UsageError } from '../errors.js';
import { choosePlayer } from './persona-choice.js';
import { withPlayerScripts } from '../engine/regex/order.js';
import type { PlayOptions } from './options.js';
import { droppedNotice } from '../engine/session/samplers.js';
import { runSamplers } from './samplers-setup.js';

export interface SessionSetup {
  session: Session;
  store: JsonlSessionStore;
  loaded: LoadedPack;
  provider: Provider;
  /** True when `--resume` continued a saved session. */
  resumed: boolean;
  /** One sentence each: pack warnings, torn or unreadable lines in a resumed session. */
  warnings: string[];
  /** Resolves once the pacing profile (saved in the background after each turn) is on disk; await before exiting. */
  flushProfile?: () => Promise<void>;
  /**
   * A TUI resume attaches only the latest turns' diagnostics before its first frame; this attaches
   * the rest (for the debug pane on older turns). Call it once the screen is up.
   */
  attachRemaining?: () => Promise<void>;
  /**
   * For a model endpoint: checks in the background that something answers at its host and port,
   * settling with the notice to show when nothing does (undefined otherwise, or once `signal`
   * aborts). The front end starts it after its first frame or line and never waits on it.
   */
  endpointCheck?: (signal?: AbortSignal) => Promise<string | undefined>;
}

/** ms between streamed chunks of the offline narrator in the TUI (a few words a chunk). */
export const OFFLINE_TUI_DELAY_MS = 12;

const systemClock: Clock = { now: () => Date.now() };

/**
 * A resume that shows the story's end before the whole log is read (the TUI's): once the world is
 * known, the log's tail is read (store/tail.ts) and a session restored from it alone is shown;
 * the careful load follows. Without a tail the reader is sure of, nothing is shown early.
 */
export interface ResumePreview {
  /** When the active branch's latest turns found are enough for the first frame, for this world and player. */
  enough(pack: WorldPack, playerName: string): TailEnough;
  /** Shows the early session; resolves once its frame is drawn (the whole log is read after that). */
  show(preview: PreviewSetup): Promise<void>;
}

/** A session restored from the log's tail: for the first frame only, it refuses to save anything. */
export interface PreviewSetup {
  session: Session;
  provider: Provider;
  /** What `warnings` will hold once the whole log is read, if its careful load finds nothing wrong. */
  warnings: string[];
  /** Turns of the active branch before the session's first (which is hung from the opening). */
  earlier: number;
}

/**
 * Starts (or with `--resume`, continues) a session as the options say. `settings`: the player's
 * settings when the caller has read them (play reads config.json once for the whole start); read here otherwise.
 */
export async function setupSession(
  world: string | undefined,
  options: PlayOptions,
  clock: Clock = systemClock,
  preview?: ResumePreview,
  given?: Settings,
): Promise<SessionSetup> {
  const warnings: string[] = [];
  let records: SessionRecord[] | undefined;
  let resumeId: string | undefined;
  let worldFromSession = false;
  let resumedStore: JsonlSessionStore | undefined;
  let attachRemaining: (() => Promise<void>) | undefined;
  let logBytes: Buffer | undefined;
  let early: { start: SessionStartRecord; bytes: Buffer; preview: ResumePreview } | undefined;
  let resumedStart: SessionStartRecord | undefined;
  // A resume that fails gives up its lock, and a player reads why in a sentence.
  const loadFailed = async (error: unknown): Promise<never> => {
    await resumedStore?.close();
    if (error instanceof SessionLoadError || error instanceof SessionLockedError) throw new InputError(error.message);
    throw error;
  };
  // The careful load: every line checked, the source of truth (and of the warnings) for a resume.
  const careful = async (id: string, loadWarnings: string[]): Promise<SessionStartRecord> => {
    const { loadSession } = await import('../store/load.js');
    // The TUI shows the last reply first; older turns' diagnostics are attached after that.
    const loaded = await loadSession(id, undefined, {
      diagnostics: options.headless ? 'all' : 'latest',
      ...(logBytes ? { bytes: logBytes } : {}),
    });
    logBytes = undefined;
    attachRemaining = loaded.attachRemaining;
    records = loaded.records;
    loadWarnings.push(...loaded.warnings);
    return loaded.start;
  };
  if (options.copy && !options.resume)
    throw new UsageError(
      'The --copy option goes with --resume: `skald play --resume <id|last> --copy` plays on in a copy of a saved session.',
    );
  if (options.resume) {
    try {
      // Only a resume reads a log: a new story's first frame does not wait for the reader and its schema (zod).
      const { loadSession } = await import('../store/load.js');
      resumeId = resolveSessionId(options.resume);
      if (options.copy) {
        // Read without the lock: the copy is ours, the original stays with whoever holds it.
        const copy = await writeSessionCopy(await loadSession(resumeId), 'copy');
        warnings.push(`Playing on in a copy of session ${resumeId}: session ${copy.id}; the original is left as it was.`);
        resumeId = copy.id;
      }
      // Locked before it is read, so no other process appends to it after we looked.
      resumedStore = new JsonlSessionStore({ id: resumeId });
      await resumedStore.lock();
      if (preview && !options.copy) {
        logBytes = await readFile(sessionPath(resumeId)).catch(() => undefined);
        const start = logBytes && readLogStart(logBytes);
        if (logBytes && start) early = { start, bytes: logBytes, preview };
      }
      const start = early?.start ?? (await careful(resumeId, warnings));
      resumedStart = start;
      warnings.push(...ignoredFlags(options, start));
      if (!world) {
        if (!start.packId)
          throw new InputError(
            `The world of session ${resumeId} could not be read from its damaged start record; name it: \`skald play <world> --resume ${resumeId}\`.`,
          );
        world = start.packId;
        worldFromSession = true;
      }
    } catch (error) {
      return loadFailed(error);
    }
  }
  if (!world) throw new UsageError('Say which world to play, e.g. `skald play glass-orchard`; `skald worlds list` shows them.');
  const nameProblem = options.persona === undefined ? undefined : personaNameProblem(options.persona.trim());
  if (nameProblem) throw new UsageError(`The --persona name cannot be used. ${nameProblem}`);
  const loaded = await resolveWorld(world).catch((error: unknown) => {
    // The log keeps the pack's id, not its folder: a pack played from a path (or removed since)
    // has to be named again, and the player should be told how.
    if (worldFromSession && error instanceof UnknownWorldError) {
      throw new InputError(
        `Session ${resumeId} was played in world "${world}", which is neither bundled nor installed; name its pack to resume it: \`skald play <path-to-pack> --resume ${resumeId}\`.`,
      );
    }
    return resolveWorldOrExit(world);
  });
  warnings.push(...loaded.warnings.map(formatProblem));

  const seed = options.seed ?? resumedStart?.seed ?? Math.floor(Math.random() * 2 ** 31);
  const settings = given ?? readSettings();
  // In the TUI the offline narrator streams at a reading pace, so a reply visibly arrives and Esc
  // can stop it; headless play and scripts get it at once.
  // Resolved once for the provider, its system prompt and its samplers (each read the profile again).
  const endpoint = resolveEndpoint(options, process.env, settings);
  const provider = await providerFor(endpoint, { seed }, process.env, options.headless ? {} : { offlineDelayMs: OFFLINE_TUI_DELAY_MS });
  // Loaded for a profile only: a chat-completion preset's regex scripts bring their schema (zod) with them, which an
  // offline start never needs before its first frame.
  const { systemPrompt, chatPreset } =
    endpoint !== 'offline' && endpoint.source === 'profile'
      ? (await import('../config/profile-prompt.js')).profilePrompt(endpoint.name)
      : {};
  const pacingProfile = await loadProfile();
  // Offline play reaches no network: the patterns alone judge.
  const judge = provider.offline ? undefined : await judgeFromSettings(settings.judgeProfile);
  const store = resumedStore ?? new JsonlSessionStore();
  const profileSaver = backgroundProfileSaver();
  const resumedAs = resumedStart?.persona;
  const chosen = choosePlayer(loaded.pack, options.persona, resumedAs);
  // The player's global and preset regex scripts run before the card's, as SillyTavern orders them.
  // Their schema (zod) loads only when there are global scripts: most starts have none and stay quick.
  const globalScripts = settings.regexScripts ? (await import('../config/regex-scripts.js')).globalRegexScripts(settings.regexScripts) : [];
  const player = { ...chosen, pack: withPlayerScripts(chosen.pack, globalScripts, chatPreset?.regexScripts) };
  const deps = {
    pack: player.pack,
    ...(options.opening ? { openingId: options.opening } : {}),
    ...(player.persona && !resumedAs ? { persona: player.persona } : {}),
    provider,
    store,
    clock,
    seed,
    // Flags win for one run; otherwise `skald config set candidates|contextBudget` holds.
    candidates: options.candidates ?? settings.candidates,
    budget: options.budget ?? settings.contextBudget,
    planner: options.planner !== false,
    ...(pacingProfile ? { pacingProfile: startedSession(pacingProfile, Boolean(resumedStart)) } : {}),
    // Off the turn's path: the profile is a convenience, the turn's own record is what must be durable.
    saveProfile: profileSaver.save,
    ...(judge ? { judge } : {}),
    ...(systemPrompt ? { systemPrompt } : {}),
    ...(chatPreset ? { chatPreset } : {}),
    samplers: runSamplers(options, process.env, settings, endpoint),
    id: resumeId ?? formatSessionId(clock.now(), seededRandom(hashSeed(clock.now(), process.pid, Math.random()))),
  };
  if (early && resumeId) {
    const tail = readLogTail(early.bytes, early.preview.enough(player.pack, startPlayer(player.pack, early.start).persona.name));
    // A tail the engine refuses (a world that does not match, say) is left to the careful path, which says why.
    const session = tail
      ? await openSession({ ...deps, store: readOnlyStore, records: [tail.start, ...tail.storyWide, ...tail.records] }).catch(
          () => undefined,
        )
      : undefined;
    if (tail && session) {
      const dropped = droppedNotice(session.samplers());
      await early.preview.show({ session, provider, warnings: [...warnings, ...(dropped ? [dropped] : [])], earlier: tail.earlier });
    }
    early = undefined;
    try {
      // The careful load's warnings go first, as they do when it runs before the world is known.
      const loadWarnings: string[] = [];
      const start = await careful(resumeId, loadWarnings);
      warnings.unshift(...loadWarnings);
      if (start.packId !== resumedStart?.packId) throw new InputError(`Session ${resumeId} changed while it was read; resume it again.`);
    } catch (error) {
      return loadFailed(error);
    }
  }
  // A resume replays the pacing model from its last snapshot, and leaves a new one once replayed.
  const logPath = resumeId ? sessionPath(resumeId) : undefined;
  const saved = logPath && records ? await readPacingSnapshot(logPath, records) : undefined;
  const kept = records;
  const pacingSnapshot =
    logPath && kept
      ? {
          ...(saved ?? { covered: 0 }),
          keep: (state: PacingState, covered: number) => void writePacingSnapshot(logPath, kept, state, covered),
        }
      : undefined;
  try {
    const session = await openSession({ ...deps, ...(pacingSnapshot ? { pacingSnapshot } : {}), ...(records ? { records } : {}) });
    const dropped = droppedNotice(session.samplers());
    if (dropped) warnings.push(dropped);
    return {
      session,
      store,
      loaded,
      provider,
      resumed: Boolean(resumedStart),
      warnings,
      flushProfile: profileSaver.flush,
      ...(attachRemaining ? { attachRemaining } : {}),
      ...(endpoint === 'offline' ? {} : { endpointCheck: endpointCheckFor(endpoint) }),
    };
  } catch (error) {
    if (error instanceof SessionError) throw new InputError(error.message);
    throw error;
  }
}

/** The background check of an endpoint (providers/openai/reach.ts), loaded only when it runs. */
function endpointCheckFor(endpoint: EndpointAddress): NonNullable<SessionSetup['endpointCheck']> {
  return async (signal) => (await import('../providers/openai/reach.js')).endpointUnanswered(endpoint, signal);
}

/** A preview session's store: it is shown while the log is read and never plays, so nothing it could write is kept. */
const readOnlyStore: SessionStore = {
  append: () => Promise.reject(new Error('A session shown while its log is still being read saves nothing.')),
};

/** Flags a resumed session does not use (it keeps its player and opening), as one warning. */
function ignoredFlags(options: PlayOptions, start: SessionStartRecord): string[] {
  const ignored = [
    options.persona !== undefined && options.persona.trim() !== start.persona ? `--persona (it is played as ${start.persona})` : '',
    options.opening !== undefined && options.opening !== start.openingId ? `--opening (it began at ${start.openingId})` : '',
  ].filter(Boolean);
  return ignored.length > 0
    ? [`A resumed session keeps its player and opening, so ${ignored.join(' and ')} was not used; those flags choose them for new stories.`]
    : [];
}

/** The LLM judge, when `skald config set judgeProfile <profile>` names one; off by default. */
async function judgeFromSettings(profile: string | undefined): Promise<Judge | undefined> {
  if (!profile) return undefined;
  const judgeProvider = await resolveProvider({ profile });
  if (judgeProvider.offline) return undefined;
  return createTurnJudge(judgeProvider);
}

/** A new session counts once in the long-term profile; a resumed one does not count again. */
function startedSession(profile: PacingProfile, resumed: boolean): PacingProfile {
  return resumed ? profile : { ...profile, sessions: profile.sessions + 1 };
}
