/**
 * What a Session is given: the world, the narrator, the log and the clock from outside the
 * engine, and the run's settings, with the defaults a story gets when a setting is left out.
 */
import type { PlayerPersona, WorldPack } from '../../world/types.js';
import type { SummaryOptions } from '../memory/index.js';
import type { Clock, PacingProfile, Provider } from '../types.js';
import type { PacingSnapshotDeps } from './pacing-replay.js';
import type { SessionStore } from './records.js';
import type { RunSamplers } from './samplers.js';
import type { Judge } from './turn-runner.js';
import type { ChatPreset } from '../prompt/chat-preset.js';

/** What a Session is built from (`openSession` adds the model summarizer). */
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
  /** The narrating profile's SillyTavern chat-completion preset: what it sends after and inside the chat, its prefill. */
  chatPreset?: ChatPreset;
  /** Sampler layers from the run: a profile (and its preset) below the world, a preset and flags above the story. */
  samplers?: RunSamplers;
}

/** Candidates per turn, the context budget and whether the planner runs, defaults filled in. */
export function runSettings(deps: Pick<SessionDeps, 'candidates' | 'budget' | 'planner'>): {
  candidates: number;
  budget: number;
  planner: boolean;
} {
  return { candidates: Math.max(1, deps.candidates ?? 3), budget: deps.budget ?? 8192, planner: deps.planner ?? true };
}

/** What comes with a narrator: its summarizer, its profile's system prompt and chat-completion preset. */
export interface NarratorOptions {
  summarize?: SummaryOptions['summarize'];
  systemPrompt?: string;
  chatPreset?: ChatPreset;
}

/** `deps` narrated by `provider` from now on; the old narrator's summarizer and system prompt go with it. */
export function withProvider(deps: SessionDeps, provider: Provider, options: NarratorOptions): SessionDeps {
  const { summarize: _previous, systemPrompt: _prompt, chatPreset: _preset, ...rest } = deps;
  return {
    ...rest,
    provider,
    ...(options.summarize ? { summarize: options.summarize } : {}),
    ...(options.systemPrompt ? { systemPrompt: options.systemPrompt } : {}),
    ...(options.chatPreset ? { chatPreset: options.chatPreset } : {}),
  };
}
