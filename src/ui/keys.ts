/**
 * Every key binding of the TUI, in one table. Carousel keys, composer keys, debug-pane keys and
 * modal keys compete for the same arrows; the `when` of each row and its priority decide, here
 * and nowhere else. The status line reads its hints from this same table.
 */
import { parseKeypress, type KeyEvent } from './input/keypress.js';

/** What the screen is doing, as far as keys care. */
export interface KeyState {
  /** A picker, the tree, help or another overlay has replaced the composer. */
  modal: boolean;
  /** The overlay is a text to read (help, memory), not a list to choose from: Enter only closes it. */
  reading?: boolean;
  generating: boolean;
  /** A command waits on the model (an /impersonate draft): Esc stops it. */
  commandPending?: boolean;
  composerEmpty: boolean;
  /** The composer's text starts with `/`. */
  slash: boolean;
  /** The cursor is on the composer's first / last line (Up/Down walk the history there). */
  onFirstLine: boolean;
  onLastLine: boolean;
  debugOpen: boolean;
  /** The last error can be retried. */
  canRetry: boolean;
  /** A turn has candidates to swipe. */
  hasTurn: boolean;
  /** Before the first turn, with several openings to swipe between (a card's greetings). */
  canSwipeOpening?: boolean;
  /** The selection is on an earlier reply, not the latest. */
  earlierSelected: boolean;
  /** The selected reply was stopped or cut short, so continuing it is the likely next step. */
  cutReply?: boolean;
}

export type ActionId =
  | 'interrupt'
  | 'stop'
  | 'toggle-debug'
  | 'help'
  | 'regenerate'
  | 'continue'
  | 'retry'
  | 'swipe-prev'
  | 'swipe-next'
  | 'select-earlier'
  | 'select-later'
  | 'select-latest'
  | 'scroll-up'
  | 'scroll-down'
  | 'send'
  | 'send-busy'
  | 'newline'
  | 'complete'
  | 'complete-back'
  | 'history-prev'
  | 'history-next'
  | 'cursor-left'
  | 'cursor-right'
  | 'cursor-word-left'
  | 'cursor-word-right'
  | 'cursor-home'
  | 'cursor-end'
  | 'cursor-up'
  | 'cursor-down'
  | 'delete-back'
  | 'delete-forward'
  | 'delete-word'
  | 'clear-line'
  | 'modal-up'
  | 'modal-down'
  | 'modal-accept'
  | 'modal-close'
  | 'modal-page-up'
  | 'modal-page-down';

export interface KeyBinding {
  id: ActionId;
  /** As shown to the player: "Alt+←", "Ctrl+R". */
  keys: string;
  description: string;
  /** Where it applies, in words (for /help). */
  context: string;
  /** Higher wins when two rows match the same key. */
  priority: number;
  /** Shown in the status line when it applies: its label, shorter keys, and its place (lower first, or as the state has it). */
  hint?: { label: string; keys?: string; rank: number | ((state: KeyState) => number); when?: (state: KeyState) => boolean };
  when: (state: KeyState) => boolean;
  match: (key: KeyEvent) => boolean;
}

const is =
  (name: string, mods: Partial<Record<'ctrl' | 'meta' | 'shift', boolean>> = {}) =>
  (k: KeyEvent) =>
    k.name === name &&
    (mods.ctrl ?? false) === k.ctrl &&
    (mods.meta ?? false) === k.meta &&
    (mods.shift === undefined || mods.shift === k.shift);
const plain = (name: string) => (k: KeyEvent) => k.name === name && !k.ctrl && !k.meta;
// macOS terminals with "Option as Meta" send Option+←/→ as ESC b / ESC f.
const altChar = (char: string) => (k: KeyEvent) => k.name === 'char' && k.meta && k.text === char;
const any =
  (...tests: Array<(k: KeyEvent) => boolean>) =>
  (k: KeyEvent) =>
    tests.some((t) => t(k));

const always = () => true;
const inPlay = (s: KeyState) => !s.modal;
const inComposer = (s: KeyState) => !s.modal;

/** The table. Order does not matter; priority does. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  // Global: work everywhere, before anything else sees the key.
  {
    id: 'interrupt',
    keys: 'Ctrl+C',
    description: 'clear the composer; press twice to quit',
    context: 'anywhere',
    priority: 100,
    when: always,
    match: is('c', { ctrl: true }),
  },
  {
    id: 'toggle-debug',
    keys: 'F2',
    description: 'show or hide the debug pane',
    context: 'anywhere',
    priority: 90,
    // With the pane open, F2 is how it closes: kept when a narrow story column drops the other hints.
    hint: { label: 'debug', rank: (s) => (s.debugOpen ? 2.5 : 7) },
    when: always,
    match: plain('f2'),
  },
  {
    id: 'help',
    keys: 'F1',
    description: 'show the keys and commands',
    context: 'anywhere',
    priority: 90,
    when: always,
    match: plain('f1'),
  },

  // Modals (pickers, tree, help) swap in for the composer and take the arrows first.
  {
    id: 'modal-close',
    keys: 'Esc',
    description: 'close the overlay',
    context: 'overlays',
    priority: 80,
    hint: { label: 'close', rank: 2 },
    when: (s) => s.modal,
    match: plain('escape'),
  },
  { id: 'modal-up', keys: '↑', description: 'previous item', context: 'overlays', priority: 80, when: (s) => s.modal, match: plain('up') },
  { id: 'modal-down', keys: '↓', description: 'next item', context: 'overlays', priority: 80, when: (s) => s.modal, match: plain('down') },
  {
    id: 'modal-page-up',
    keys: 'PgUp',
    description: 'a page up',
    context: 'overlays',
    priority: 80,
    when: (s) => s.modal,
    match: plain('pageup'),
  },
  {
    id: 'modal-page-down',
    keys: 'PgDn',
    description: 'a page down',
    context: 'overlays',
    priority: 80,
    when: (s) => s.modal,
    match: plain('pagedown'),
  },
  {
    id: 'modal-accept',
    keys: 'Enter',
    description: 'choose the highlighted item',
    context: 'overlays',
    priority: 80,
    hint: { label: 'choose', rank: 1, when: (s) => !s.reading },
    when: (s) => s.modal,
    match: (k) => k.name === 'return' && !k.meta && !k.shift,
  },

  // Generation control.
  {
    id: 'stop',
    keys: 'Esc',
    description: 'stop the reply being written (the partial text stays), or an /impersonate draft (nothing of it is kept)',
    context: 'while a reply streams or a draft is written',
    priority: 70,
    hint: { label: 'stop', rank: 1 },
    when: (s) => (s.generating || Boolean(s.commandPending)) && !s.modal,
    match: plain('escape'),
  },
  {
    id: 'regenerate',
    keys: 'Ctrl+R',
    description: 'add a candidate to the selected reply (on an earlier reply: a new branch)',
    context: 'play',
    priority: 60,
    hint: { label: 'regen', rank: 4 },
    when: (s) => inPlay(s) && s.hasTurn && !s.generating,
    match: is('r', { ctrl: true }),
  },
  {
    id: 'continue',
    keys: 'Alt+C',
    description: 'the model extends the selected reply where it stopped (a new version of it)',
    context: 'play',
    priority: 60,
    hint: { label: 'continue', rank: 0, when: (s) => Boolean(s.cutReply) },
    when: (s) => inPlay(s) && s.hasTurn && !s.generating,
    match: altChar('c'),
  },
  {
    id: 'retry',
    keys: 'r',
    description: 'retry after an error',
    context: 'after an error, composer empty',
    priority: 60,
    hint: { label: 'retry', rank: 0 },
    when: (s) => inPlay(s) && s.canRetry && s.composerEmpty && !s.generating,
    match: (k) => k.name === 'char' && k.text === 'r' && !k.meta,
  },

  // Carousel: Alt+←/→ always; plain ←/→ when the composer is empty (otherwise they move the cursor).
  {
    id: 'swipe-prev',
    keys: '←',
    description: 'previous candidate',
    context: 'play, composer empty',
    priority: 45,
    hint: { label: 'swipe', keys: '←/→', rank: 3 },
    when: (s) => inPlay(s) && (s.hasTurn || Boolean(s.canSwipeOpening)) && !s.generating && s.composerEmpty,
    match: plain('left'),
  },
  {
    id: 'swipe-next',
    keys: '→',
    description: 'next candidate',
    context: 'play, composer empty',
    priority: 45,
    when: (s) => inPlay(s) && (s.hasTurn || Boolean(s.canSwipeOpening)) && !s.generating && s.composerEmpty,
    match: plain('right'),
  },
  {
    id: 'swipe-prev',
    keys: 'Alt+←',
    description: 'previous candidate, even while typing',
    context: 'play',
    priority: 50,
    hint: { label: 'swipe', keys: 'Alt+←/→', rank: 3 },
    when: (s) => inPlay(s) && (s.hasTurn || Boolean(s.canSwipeOpening)) && !s.generating,
    match: any(is('left', { meta: true }), altChar('b')),
  },
  {
    id: 'swipe-next',
    keys: 'Alt+→',
    description: 'next candidate, even while typing',
    context: 'play',
    priority: 50,
    when: (s) => inPlay(s) && (s.hasTurn || Boolean(s.canSwipeOpening)) && !s.generating,
    match: any(is('right', { meta: true }), altChar('f')),
  },
  // Selecting an earlier reply: swipes and Ctrl+R then act there, and the debug pane follows.
  {
    id: 'select-earlier',
    keys: 'Alt+↑',
    description: 'select the reply before (to swipe it, or read its diagnostics)',
    context: 'play',
    priority: 50,
    hint: { label: 'earlier replies', keys: 'Alt+↑/↓', rank: 5 },
    when: (s) => inPlay(s) && s.hasTurn && !s.generating,
    match: is('up', { meta: true }),
  },
  {
    id: 'select-later',
    keys: 'Alt+↓',
    description: 'select the reply after',
    context: 'play',
    priority: 50,
    when: (s) => inPlay(s) && s.hasTurn && !s.generating,
    match: is('down', { meta: true }),
  },
  {
    id: 'select-latest',
    keys: 'Esc',
    description: 'back to the latest reply',
    context: 'an earlier reply selected',
    priority: 50,
    hint: { label: 'back to latest', rank: 1 },
    when: (s) => inPlay(s) && s.earlierSelected && !s.generating,
    match: plain('escape'),
  },
  {
    id: 'scroll-up',
    keys: 'PgUp',
    description: 'scroll the debug pane (or a long reply) up',
    context: 'play',
    priority: 40,
    when: inPlay,
    match: plain('pageup'),
  },
  {
    id: 'scroll-down',
    keys: 'PgDn',
    description: 'scroll the debug pane (or a long reply) down',
    context: 'play',
    priority: 40,
    when: inPlay,
    match: plain('pagedown'),
  },

  // Composer.
  {
    id: 'complete',
    keys: 'Tab',
    description: 'complete a slash command; again, the next of several matches',
    context: 'composer starting with /',
    priority: 35,
    hint: { label: 'complete', rank: 1 },
    when: (s) => inComposer(s) && s.slash,
    match: (k) => k.name === 'tab' && !k.shift,
  },
  {
    id: 'complete-back',
    keys: 'Shift+Tab',
    description: 'the match before, while Tab cycles through several',
    context: 'composer starting with /',
    priority: 35,
    when: (s) => inComposer(s) && s.slash,
    match: (k) => k.name === 'tab' && k.shift,
  },
  {
    id: 'send',
    keys: 'Enter',
    description: 'send (a slash command runs)',
    context: 'composer',
    priority: 30,
    hint: { label: 'send', rank: 2 },
    when: (s) => inComposer(s) && !s.generating,
    match: (k) => k.name === 'return' && !k.meta && !k.shift && !k.ctrl,
  },
  {
    id: 'send-busy',
    keys: 'Enter',
    description: 'while a reply streams: says to wait or stop it (your text stays)',
    context: 'composer, while a reply streams',
    priority: 30,
    when: (s) => inComposer(s) && s.generating,
    match: (k) => k.name === 'return' && !k.meta && !k.shift && !k.ctrl,
  },
  {
    id: 'newline',
    keys: 'Alt+Enter / Shift+Enter',
    description: 'new line in the composer',
    context: 'composer',
    priority: 30,
    hint: { label: 'newline', keys: 'Alt+Enter', rank: 6, when: (s) => !s.composerEmpty },
    when: inComposer,
    match: (k) => k.name === 'return' && (k.meta || k.shift),
  },
  {
    id: 'newline',
    keys: 'Ctrl+J',
    description: 'new line in the composer',
    context: 'composer',
    priority: 30,
    when: inComposer,
    match: is('j', { ctrl: true }),
  },
  {
    id: 'history-prev',
    keys: '↑',
    description: 'previous message from your history',
    context: 'composer, first line',
    priority: 25,
    hint: { label: 'history', rank: 8, when: (s) => s.composerEmpty },
    when: (s) => inComposer(s) && s.onFirstLine,
    match: plain('up'),
  },
  {
    id: 'history-next',
    keys: '↓',
    description: 'next message from your history',
    context: 'composer, last line',
    priority: 25,
    when: (s) => inComposer(s) && s.onLastLine,
    match: plain('down'),
  },
  { id: 'cursor-up', keys: '↑', description: 'line up', context: 'composer', priority: 20, when: inComposer, match: plain('up') },
  { id: 'cursor-down', keys: '↓', description: 'line down', context: 'composer', priority: 20, when: inComposer, match: plain('down') },
  {
    id: 'cursor-left',
    keys: '←',
    description: 'cursor left',
    context: 'composer',
    priority: 20,
    when: inComposer,
    match: any(plain('left'), is('b', { ctrl: true })),
  },
  {
    id: 'cursor-right',
    keys: '→',
    description: 'cursor right',
    context: 'composer',
    priority: 20,
    when: inComposer,
    match: any(plain('right'), is('f', { ctrl: true })),
  },
  {
    id: 'cursor-word-left',
    keys: 'Ctrl+←',
    description: 'a word left',
    context: 'composer',
    priority: 20,
    when: inComposer,
    match: is('left', { ctrl: true }),
  },
  {
    id: 'cursor-word-right',
    keys: 'Ctrl+→',
    description: 'a word right',
    context: 'composer',
    priority: 20,
    when: inComposer,
    match: is('right', { ctrl: true }),
  },
  {
    id: 'cursor-home',
    keys: 'Home / Ctrl+A',
    description: 'start of the line',
    context: 'composer',
    priority: 20,
    when: inComposer,
    match: any(plain('home'), is('a', { ctrl: true })),
  },
  {
    id: 'cursor-end',
    keys: 'End / Ctrl+E',
    description: 'end of the line',
    context: 'composer',
    priority: 20,
    when: inComposer,
    match: any(plain('end'), is('e', { ctrl: true })),
  },
  {
    id: 'delete-back',
    keys: 'Backspace',
    description: 'delete before the cursor',
    context: 'composer and filters',
    priority: 20,
    when: always,
    match: (k) => k.name === 'backspace' && !k.meta,
  },
  {
    id: 'delete-forward',
    keys: 'Delete / Ctrl+D',
    description: 'delete under the cursor',
    context: 'composer',
    priority: 20,
    when: inComposer,
    match: any(plain('delete'), is('d', { ctrl: true })),
  },
  {
    id: 'delete-word',
    keys: 'Ctrl+W / Alt+Backspace',
    description: 'delete the word before the cursor',
    context: 'composer and filters',
    priority: 20,
    when: always,
    match: any(is('w', { ctrl: true }), (k) => k.name === 'backspace' && k.meta),
  },
  {
    id: 'clear-line',
    keys: 'Ctrl+U',
    description: 'clear the composer',
    context: 'composer and filters',
    priority: 20,
    when: always,
    match: is('u', { ctrl: true }),
  },
];

const BY_PRIORITY = [...KEY_BINDINGS].sort((a, b) => b.priority - a.priority);

/** The binding a key triggers in this state, or undefined (then printable keys are typed). */
export function resolveKey(key: KeyEvent, state: KeyState): KeyBinding | undefined {
  return BY_PRIORITY.find((b) => b.when(state) && b.match(key));
}

/** The hints for the status line: one per action that works now, in table order. */
export function keyHints(state: KeyState): Array<{ keys: string; label: string }> {
  const seen = new Set<string>();
  const hints: Array<{ keys: string; label: string; rank: number }> = [];
  for (const b of KEY_BINDINGS) {
    if (!b.hint || !b.when(state) || seen.has(b.id) || (b.hint.when && !b.hint.when(state))) continue;
    seen.add(b.id);
    const rank = typeof b.hint.rank === 'function' ? b.hint.rank(state) : b.hint.rank;
    hints.push({ keys: b.hint.keys ?? b.keys, label: b.hint.label, rank });
  }
  return hints.sort((a, b) => a.rank - b.rank).map(({ keys, label }) => ({ keys, label }));
}

/**
 * The keys one input event stands for. A terminal sends Alt+x as ESC x, and an Esc pressed then
 * a letter typed before the TUI read them (a busy frame, a loaded machine) arrive as the same two
 * bytes in one read. vim reads them as Esc then x unless a key code or mapping claims them;
 * readline and tmux as Meta+x when the bytes come within their timeout. skald binds few Alt
 * letters (Alt+B, Alt+C, Alt+F), so it keeps Alt for those and reads every other ESC plus one
 * printable character (or a second ESC) as the two keys: the player who presses Esc to stop a
 * reply and types on gets both, where the Alt+x nothing binds did nothing at all.
 */
export function keysOf(key: KeyEvent): KeyEvent[] {
  const [escape, ...rest] = Array.from(key.sequence);
  if (escape !== '\u001b' || !key.meta || rest.length !== 1) return [key];
  const next = rest[0];
  const printable = next === '\u001b' || (next >= ' ' && next !== '\u007f');
  if (!printable || KEY_BINDINGS.some((b) => b.match(key))) return [key];
  return [parseKeypress(escape), parseKeypress(next)];
}
