/**
 * The shape of a slash command and of what running one yields. Commands are front-end neutral:
 * `run` gets a context (the session, the services, what the front end can do) and returns an
 * outcome; the TUI and headless play each render every outcome kind (an exhaustive switch).
 */
import type { BranchSummary, SessionHandle } from '../engine/session/index.js';
import type { PlayerInput, SessionEvent } from '../engine/types.js';
import type { NewStory } from './new-story.js';
import type { CommandServices } from './services.js';

/** The front ends a command can run in. */
export type FrontEnd = 'tui' | 'headless';

export const FRONT_ENDS: readonly FrontEnd[] = ['tui', 'headless'];

/** What a command sees when it runs. */
export interface CommandContext {
  readonly session: SessionHandle;
  readonly services: CommandServices;
  readonly frontEnd: FrontEnd;
  /** The text after the command's name, trimmed ('' when none). */
  readonly args: string;
  /** The turn the player has selected (the TUI's Alt+arrows); the latest when absent. */
  readonly selectedTurn?: number;
  /** A reply is being written right now (the TUI takes commands while one streams). */
  readonly streaming: boolean;
  /** The front end has a composer to put text back into (the TUI; not headless play). */
  readonly composer: boolean;
  /** Aborted when the player stops a command that waits on the model (the TUI's Esc while its `pending` notice shows). */
  readonly signal?: AbortSignal;
}

/** What Tab completion may look at. */
export interface CompletionContext {
  readonly session: SessionHandle;
  readonly services: CommandServices;
  /** The ids of the worlds a new story can start in, once the front end has read them. */
  readonly worlds?: readonly string[];
}

/** The JSON object headless play writes for an outcome; `type` names what happened. */
export type CommandRecord = { readonly type: string } & Readonly<Record<string, unknown>>;

/** Every kind of result a command can have. Adding a kind breaks every front end's switch until it handles it. */
export type CommandOutcome =
  /** A turn runs: the front end consumes the events (the TUI streams them, headless writes the turn line). */
  | {
      readonly kind: 'turn';
      readonly run: 'regenerate' | 'edit' | 'continue' | 'edit-reply';
      readonly input?: PlayerInput;
      start(signal?: AbortSignal): AsyncIterable<SessionEvent>;
    }
  /**
   * It happened: the TUI shows `notice` (and puts `compose` in the composer), headless writes
   * `record`. `moved`: the story moved to another turn or branch, so the view goes to the latest.
   */
  | {
      readonly kind: 'done';
      readonly notice: string;
      readonly record: CommandRecord;
      readonly compose?: string;
      readonly moved?: boolean;
    }
  /**
   * Text for the composer (the TUI's /edit): `editing` makes the next send an edit of the last
   * message; `replyTurn`, an edited version of that turn's reply.
   */
  | { readonly kind: 'compose'; readonly text: string; readonly notice: string; readonly editing: boolean; readonly replyTurn?: number }
  /** Nothing happened, and why: one line (a TUI notice, a headless error line). */
  | { readonly kind: 'refused'; readonly message: string }
  /** Something to read: a TUI overlay titled `title`; headless writes `record`. */
  | { readonly kind: 'info'; readonly title: string; readonly text: string; readonly record: CommandRecord }
  /** The story's branches: the TUI's picker, headless's `{"type":"tree"}` line. */
  | { readonly kind: 'branches'; readonly branches: readonly BranchSummary[] }
  /** The keys and commands of this front end. */
  | { readonly kind: 'help' }
  /** Another story should start (this one stays saved); a front end that cannot says how to. */
  | { readonly kind: 'new-story'; readonly story: NewStory }
  /** Show or hide the debug pane. */
  | { readonly kind: 'toggle-debug' }
  /** Leave; the session is saved. */
  | { readonly kind: 'quit' };

/** A line that shows a command at work, which the parity test runs through every front end. */
export interface CommandExample {
  /** Lines played first (player lines or commands), in a fresh story. */
  readonly before?: readonly string[];
  readonly line: string;
  /** Text every front end shows for it (the TUI's screen, headless's JSON); needed when the state does not change. */
  readonly shows?: string;
  /** A line sent right after, when what the command does shows in what becomes of it (/quit: it is not played). */
  readonly after?: string;
}

/** One slash command: everything the front ends, /help and Tab completion need. */
export interface Command {
  /** Typed after the slash; lower case. */
  readonly name: string;
  readonly aliases?: readonly string[];
  /** The argument as help shows it: `<fact>` required, `[id]` optional; absent when it takes none. */
  readonly args?: string;
  /** One line for /help, the status line and `play --help`. */
  readonly help: string;
  /** What the TUI says while it runs, for a command that waits on the model (its outcome replaces it). */
  readonly pending?: string;
  /** Where it runs; the others refuse it with a sentence that says where it does. */
  readonly frontEnds: readonly FrontEnd[];
  /** Values its argument can take, for Tab (opening ids, profile names). */
  complete?(context: CompletionContext): readonly string[];
  run(context: CommandContext): CommandOutcome | Promise<CommandOutcome>;
  /** Run by tests/commands/parity.test.tsx through every front end in `frontEnds`. */
  readonly example: CommandExample;
}

/** A one-line refusal. */
export const refused = (message: string): CommandOutcome => ({ kind: 'refused', message });
