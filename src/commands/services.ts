/**
 * What commands need from outside the session: saved sessions for /sessions, a file for /export,
 * the profiles /model lists and the narrators it switches to, the saved personas. An interface
 * only: the file-backed implementation lives with the front ends, and tests pass their own.
 */
import type { Provider } from '../engine/types.js';
import type { SummaryOptions } from '../engine/memory/summary.js';
import type { ChatPreset } from '../engine/prompt/chat-preset.js';

/** A narrator /model can switch to: a saved profile, the `env` profile, or the offline narrator. */
export interface NarratorChoice {
  /** What `/model NAME` takes; the provider's id once in use. */
  name: string;
  /** The preset and the base URL's host (never its path, query or credentials), or a description. */
  where: string;
  /** The model it asks for; absent when the endpoint's first served model is used. */
  model?: string;
}

/** A built narrator: the provider, and the summarizer that goes with it (a model writes the summary). */
export interface Narrator {
  provider: Provider;
  summarize?: SummaryOptions['summarize'];
  /** The profile's own system prompt, if it has one. */
  systemPrompt?: string;
  /** The profile's SillyTavern chat-completion preset parts, when its prompt file is one. */
  chatPreset?: ChatPreset;
}

export interface CommandServices {
  /** A text listing of saved sessions. */
  sessionsText(currentId: string): string;
  /** Writes the story's active branch as Markdown, as `skald sessions export --format md` does, and returns where. */
  exportStory(id: string): Promise<string>;
  /** The narrators /model lists, the offline one last. Throws with a one-line reason (an unreadable config). */
  narrators(): NarratorChoice[];
  /**
   * Builds the narrator `skald play --profile NAME` would start with (`offline` included; `seed`
   * is the story's, for the offline narrator). Rejects with a one-line reason it cannot be used.
   */
  buildNarrator(name: string, seed: number): Promise<Narrator>;
  /** The player's saved personas (`skald personas`), for /persona; the one in use marked. Empty when the config cannot be read. */
  personas(): Array<{ name: string; description: string; active: boolean }>;
  /**
   * Keeps the player's words no turn holds yet (the message being answered, the composer at quit) beside the
   * session, for a resume to put back in the composer; undefined or '' removes them. Never throws.
   */
  keepDraft?(sessionId: string, text: string | undefined): void;
  /**
   * The player's language, a BCP 47 tag (`zh-CN`, `ja`) from the terminal's locale, for texts a
   * pack carries in several (a V3 card's `creator_notes_multilingual`); undefined when unknown.
   */
  language?(): string | undefined;
}
