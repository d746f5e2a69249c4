/**
 * Builds a Session from command-line options: the world (id or path), the opening, the persona,
 * the provider, the session file and the long-term pacing profile. Shared by headless play and
 * the TUI, so both start and resume sessions the same way.
 */
import { SessionError, type Session } from '../engine/session/index.js';
import { openSession } from '../engine/session/open.js';
import type { SessionRecord } from '../engine/session/records.js';
import type { Clock, PacingProfile, Provider } from '../engine/types.js';
import { hashSeed, seededRandom } from '../engine/random.js';
import { formatSessionId } from '../engine/session/context.js';
import { resolveEndpoint, resolveProvider } from '../providers/select.js';
import { profileSystemPrompt } from '../config/profile-prompt.js';
import { readSettings } from '../config/settings.js';
import { createTurnJudge } from '../engine/critics/judge-turn.js';
import type { Judge } from '../engine/session/turn-runner.js';
import { formatProblem } from '../world/problems.js';
import { resolveWorldOrExit } from './world-resolve.js';
import { resolveWorld, UnknownWorldError } from '../world/discover.js';
import type { LoadedPack } from '../world/types.js';
import { JsonlSessionStore, sessionPath } from '../store/session-file.js';
import { readPacingSnapshot, writePacingSnapshot } from '../store/pacing-snapshot.js';
import type { PacingState } from '../engine/pacing/index.js';
import { writeSessionCopy } from '../store/copy.js';
import { SessionLockedError } from '../store/lock.js';
import { SessionLoadError } from '../store/load-error.js';
import { resolveSessionId } from '../store/list.js';
import { backgroundProfileSaver, loadProfile } from '../store/profile.js';
import { InputError, UsageError } from '../errors.js';
import { personaNameProblem } from '../engine/persona-name.js';
import { choosePlayer } from './persona-choice.js';
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
}

/** ms between streamed chunks of the offline narrator in the TUI (a few words a chunk). */
export const OFFLINE_TUI_DELAY_MS = 12;

const systemClock: Clock = { now: () => Date.now() };

/** Starts (or with `--resume`, continues) a session as the options say. */
export async function setupSession(world: string | undefined, options: PlayOptions, clock: Clock = systemClock): Promise<SessionSetup> {
  const warnings: string[] = [];
  let records: SessionRecord[] | undefined;
  let resumeId: string | undefined;
  let worldFromSession = false;
  let resumedStore: JsonlSessionStore | undefined;
  let attachRemaining: (() => Promise<void>) | undefined;
  if (options.copy && !options.resume)
    throw new UsageError('--copy goes with --resume: `skald play --resume <id|last> --copy` plays on in a copy of a saved session.');
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
      // The TUI shows the last reply first; older turns' diagnostics are attached after that.
      const loaded = await loadSession(resumeId, undefined, { diagnostics: options.headless ? 'all' : 'latest' });
      attachRemaining = loaded.attachRemaining;
      records = loaded.records;
      warnings.push(...loaded.warnings);
      const ignored = [
        options.persona !== undefined && options.persona.trim() !== loaded.start.persona
          ? `--persona (it is played as ${loaded.start.persona})`
          : '',
        options.opening !== undefined && options.opening !== loaded.start.openingId
          ? `--opening (it began at ${loaded.start.openingId})`
          : '',
      ].filter(Boolean);
      if (ignored.length > 0)
        warnings.push(
          `A resumed session keeps its player and opening, so ${ignored.join(' and ')} was not used; those flags choose them for new stories.`,
        );
      if (!world) {
        if (!loaded.start.packId)
          throw new InputError(
            `The world of session ${resumeId} could not be read from its damaged start record; name it: \`skald play <world> --resume ${resumeId}\`.`,
          );
        world = loaded.start.packId;
        worldFromSession = true;
      }
    } catch (error) {
      await resumedStore?.close();
      if (error instanceof SessionLoadError || error instanceof SessionLockedError) throw new InputError(error.message);
      throw error;
    }
  }
  if (!world) throw new UsageError('Say which world to play, e.g. `skald play glass-orchard`; `skald worlds list` shows them.');
  const nameProblem = options.persona === undefined ? undefined : personaNameProblem(options.persona.trim());
  if (nameProblem) throw new UsageError(`--persona: ${nameProblem}`);
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

  const seed = options.seed ?? (records?.[0]?.type === 'session-start' ? records[0].seed : Math.floor(Math.random() * 2 ** 31));
  // In the TUI the offline narrator streams at a reading pace, so a reply visibly arrives and Esc
  // can stop it; headless play and scripts get it at once.
  const provider = await resolveProvider(
    { ...options, seed },
    process.env,
    options.headless ? {} : { offlineDelayMs: OFFLINE_TUI_DELAY_MS },
  );
  const endpoint = provider.offline ? undefined : resolveEndpoint(options);
  const systemPrompt = endpoint && endpoint !== 'offline' && endpoint.source === 'profile' ? profileSystemPrompt(endpoint.name) : undefined;
  const pacingProfile = await loadProfile();
  const settings = readSettings();
  // Offline play reaches no network: the patterns alone judge.
  const judge = provider.offline ? undefined : await judgeFromSettings(settings.judgeProfile);
  const store = resumedStore ?? new JsonlSessionStore();
  const profileSaver = backgroundProfileSaver();
  // A resume replays the pacing model from its last snapshot, and leaves a new one once replayed.
  const logPath = resumeId ? sessionPath(resumeId) : undefined;
  const saved = logPath && records ? await readPacingSnapshot(logPath, records) : undefined;
  const pacingSnapshot =
    logPath && records
      ? {
          ...(saved ?? { covered: 0 }),
          keep: (state: PacingState, covered: number) => void writePacingSnapshot(logPath, records, state, covered),
        }
      : undefined;
  const resumedAs = records?.[0]?.type === 'session-start' ? records[0].persona : undefined;
  const player = choosePlayer(loaded.pack, options.persona, resumedAs);
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
    ...(pacingProfile ? { pacingProfile: startedSession(pacingProfile, Boolean(records)) } : {}),
    // Off the turn's path: the profile is a convenience, the turn's own record is what must be durable.
    saveProfile: profileSaver.save,
    ...(judge ? { judge } : {}),
    ...(systemPrompt ? { systemPrompt } : {}),
    samplers: runSamplers(options),
    ...(pacingSnapshot ? { pacingSnapshot } : {}),
    id: resumeId ?? formatSessionId(clock.now(), seededRandom(hashSeed(clock.now(), process.pid, Math.random()))),
  };
  try {
    const session = await openSession({ ...deps, ...(records ? { records } : {}) });
    const dropped = droppedNotice(session.samplers());
    if (dropped) warnings.push(dropped);
    return {
      session,
      store,
      loaded,
      provider,
      resumed: Boolean(records),
      warnings,
      flushProfile: profileSaver.flush,
      ...(attachRemaining ? { attachRemaining } : {}),
    };
  } catch (error) {
    if (error instanceof SessionError) throw new InputError(error.message);
    throw error;
  }
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
