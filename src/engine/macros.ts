/**
 * Card macros, as SillyTavern expands them: `{{user}}`, `{{char}}` (and the `<USER>`/`<BOT>` of old
 * cards), `{{random}}` in both forms, `{{pick}}`, `{{roll}}`, the clock (`{{time}}`, `{{date}}`,
 * `{{weekday}}`, `{{isotime}}`, `{{isodate}}`, `{{time_UTC+N}}`, `{{datetimeformat}}`),
 * `{{idle_duration}}`, `{{timeDiff::a::b}}`, the player's `{{input}}`, the story's messages (`{{lastMessage}}`, `{{lastUserMessage}}`,
 * `{{lastCharMessage}}`, `{{lastMessageId}}`), the card's `{{personality}}` and `{{mesExamples}}`,
 * the variables (variables.ts), `{{maxPrompt}}`, `{{model}}`, `{{isMobile}}`, `{{reverse}}`, layout
 * (`{{newline}}`, `{{space}}`, `{{trim}}`, `{{noop}}`), `{{banned "word"}}` (removed), `{{// comments}}` and
 * `{{if}}` blocks (macro-if.ts), a macro in another's arguments first. A macro skald does not
 * know is left as written (and `worlds validate` names it), so an author sees it rather than losing it.
 *
 * Randomness never comes from the machine: `{{random}}` and `{{roll}}` draw from the story's seed and
 * the turn, `{{pick}}` from the story's seed alone (it stays the same for the whole story, as in
 * SillyTavern), so an offline run with the same seed writes the same text.
 */
import { MACRO, UTC_TIME } from '../text/macro-syntax.js';
import { mayHoldIf, resolveConditionals } from './macro-if.js';
import { hashSeed, seededRandom } from './random.js';
import { noVariables, VARIABLE_MACRO, variableMacro, type MacroVariables } from './variables.js';

export { KNOWN_MACROS, unknownMacros } from '../text/macro-syntax.js';

export interface MacroContext {
  user: string;
  char: string;
  /** The story's seed: with `turn`, where `{{random}}`, `{{roll}}` and `{{pick}}` draw from. */
  seed?: number;
  /** The turn the text belongs to, so a message's rolls stay the same each time it is sent. */
  turn?: number;
  /** Milliseconds since the epoch, for the time and date macros; without it they are left as written. */
  now?: number;
  /** The last message of the story so far, for `{{lastMessage}}`. */
  lastMessage?: string;
  /** Milliseconds since the player's previous message, for `{{idle_duration}}` ("just now" without one). */
  idleMs?: number;
  /** The card's personality of the character `{{char}}` names, for `{{personality}}`; without it the macro is left as written. */
  personality?: string;
  /** That character's example dialogues as `<START>` blocks, for `{{mesExamples}}` and `{{mesExamplesRaw}}`. */
  mesExamples?: string;
  /** The player's last message and the narrator's, for `{{lastUserMessage}}` and `{{lastCharMessage}}`. */
  lastUserMessage?: string;
  lastCharMessage?: string;
  /** The number of the story's last message, the opening being 0, for `{{lastMessageId}}`. */
  lastMessageId?: number;
  /** Tokens the prompt may take (the context less the reply), for `{{maxPrompt}}`. */
  maxPrompt?: number;
  /** The model the story is sent to, for `{{model}}`. */
  model?: string;
  /** The names of the characters in the scene, for `{{group}}` (SillyTavern: a group chat's members, else the character). */
  group?: readonly string[];
  /** The player's line of this turn, for `{{input}}` (SillyTavern: what the input box holds); without it the macro is left as written. */
  input?: string;
  /**
   * The text of the active lore entries placed at an outlet, by its name, for `{{outlet::NAME}}`
   * ('' when none is active, as SillyTavern has it); undefined leaves the macro as written.
   */
  outlet?: (name: string) => string | undefined;
  /**
   * The story's variables as this text reads them (`{{getvar}}`, `{{setvar}}` ... see variables.ts);
   * changed in place. Without it a text starts from none, and what it sets is gone after it.
   */
  vars?: MacroVariables;
}

const TRIM = /(?:\r?\n)*\{\{\s*trim\s*\}\}(?:\r?\n)*/gi;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Replaces every known macro in `text`; unknown ones are left as written. A macro inside another's
 * arguments (`{{getvar::{{user}}_hp}}`) is replaced first and its host then reads the result, as
 * SillyTavern's macro engine does (public/scripts/macros/engine/MacroEngine.js); what a macro writes
 * is not read again for macros.
 */
export function resolveMacros(text: string, ctx: MacroContext): string {
  if (!text.includes('{{') && !text.includes('<')) return text;
  if (conditionalDepth < MAX_CONDITIONALS && mayHoldIf(text)) {
    // The pieces and the chosen branches share the text's variables, whatever the caller passed.
    const shared = ctx.vars ? ctx : { ...ctx, vars: noVariables() };
    conditionalDepth += 1;
    try {
      const done = resolveConditionals(text, (piece) => resolveMacros(piece, shared));
      if (done !== undefined) return done;
    } finally {
      conditionalDepth -= 1;
    }
  }
  const withoutTrim = text.includes('{{') ? text.replace(TRIM, '') : text;
  let random: (() => number) | undefined;
  let vars = ctx.vars;
  // Seeded by the text too, so two messages of one turn do not roll alike.
  const draw = () => (random ??= seededRandom(hashSeed(ctx.seed ?? 0, ctx.turn ?? 0, 'macro', text)))();
  // The replacer for a piece of the text that begins at `at` (a nested macro's offsets count from its piece).
  const replacerAt =
    (at: number) =>
    (
      whole: string,
      name: string | undefined,
      sep: string | undefined,
      args: string | undefined,
      angle: string | undefined,
      offset: number,
    ): string => {
      if (angle !== undefined) return angle.toLowerCase() === 'user' ? ctx.user : ctx.char;
      if (name === undefined) return whole;
      if (name.startsWith('//')) return '';
      // `{{ user }}` is bare: a space before the braces close is no argument.
      const bare = sep === undefined || (sep.trim() === '' && (args ?? '').trim() === '');
      const lower = name.toLowerCase();
      const expanded = VARIABLE_MACRO.test(lower)
        ? variableMacro(lower, bare ? undefined : sep, args ?? '', (vars ??= noVariables()))
        : expand(lower, bare ? undefined : sep, args ?? '', ctx, draw, at + offset, whole);
      return expanded ?? whole;
    };
  if (!nested(withoutTrim)) return withoutTrim.replace(MACRO, replacerAt(0));
  return innermostFirst(withoutTrim, (piece, at) => piece.replace(MACRO, replacerAt(at)));
}

/** Whether a `{{` opens inside a macro that has not closed yet: a nested macro. One linear scan. */
function nested(text: string): boolean {
  let depth = 0;
  for (const m of text.matchAll(BRACES)) {
    if (m[0] === '{{') {
      if (++depth > 1) return true;
    } else if (depth > 0) depth -= 1;
  }
  return false;
}

const BRACES = /\{\{|\}\}/g;

/** Deeper than this, a text is hostile, not a card: the rest is left as written. */
const MAX_DEPTH = 20;

/** How many `{{if}}` blocks the resolution is inside (each branch is resolved by a call of its own), and at most. */
let conditionalDepth = 0;
const MAX_CONDITIONALS = 8;

/**
 * `text` with each `{{...}}` replaced from the inside out by `replace` (given the piece, its inner
 * macros already replaced, and where it began in `text`); the text between them through `replace`
 * too, for old cards' `<USER>`. Unclosed braces stay as written. Linear in the text's length.
 */
function innermostFirst(text: string, replace: (piece: string, at: number) => string): string {
  const open: Array<{ at: number; parts: string[] }> = [];
  const top: string[] = [];
  const into = () => open[open.length - 1]?.parts ?? top;
  let plain = 0;
  // Inside a macro the text waits for its host; between macros it is replaced as it stands.
  const flush = (end: number) => {
    if (end > plain) into().push(open.length === 0 ? replace(text.slice(plain, end), plain) : text.slice(plain, end));
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{', i) && open.length < MAX_DEPTH) {
      flush(i);
      open.push({ at: i, parts: ['{{'] });
      i += 2;
      plain = i;
    } else if (text.startsWith('}}', i) && open.length > 0) {
      flush(i);
      const frame = open[open.length - 1];
      open.pop();
      i += 2;
      plain = i;
      into().push(replace(`${frame.parts.join('')}}}`, frame.at));
    } else i += 1;
  }
  flush(text.length);
  for (const frame of open) top.push(...frame.parts);
  return top.join('');
}

function expand(
  name: string,
  sep: string | undefined,
  args: string,
  ctx: MacroContext,
  draw: () => number,
  offset: number,
  whole: string,
): string | undefined {
  const bare = sep === undefined;
  switch (name) {
    case 'user':
      return bare ? ctx.user : undefined;
    case 'char':
      return bare ? ctx.char : undefined;
    case 'noop':
      return bare ? '' : undefined;
    case 'newline':
      return bare ? '\n' : repeated('\n', args);
    case 'space':
      return bare ? ' ' : repeated(' ', args);
    case 'reverse':
      return bare ? undefined : Array.from(args).reverse().join('');
    case 'input':
      return bare ? ctx.input : undefined;
    case 'timediff':
      return bare ? undefined : timeDiff(args);
    case 'banned':
      // SillyTavern also bans the word for text-completion servers that take a list of banned
      // strings; skald's servers share no such field, so the macro only leaves the text.
      return bare ? undefined : '';
    case 'outlet':
      return bare || !ctx.outlet ? undefined : ctx.outlet(args.trim());
    case 'ismobile':
      // A terminal is no phone: cards use it to ask for shorter replies on one.
      return bare ? 'false' : undefined;
    case 'lastusermessage':
      return bare ? (ctx.lastUserMessage ?? '') : undefined;
    case 'lastcharmessage':
      return bare ? (ctx.lastCharMessage ?? '') : undefined;
    case 'lastmessageid':
      return bare && ctx.lastMessageId !== undefined ? String(ctx.lastMessageId) : undefined;
    case 'maxprompt':
    case 'maxprompttokens':
      return bare && ctx.maxPrompt !== undefined ? String(ctx.maxPrompt) : undefined;
    case 'model':
      return bare ? ctx.model : undefined;
    case 'datetimeformat':
      return bare || ctx.now === undefined ? undefined : formatDate(args, new Date(ctx.now));
    case 'random': {
      const options = choices(sep, args, whole);
      return options.length === 0 ? undefined : options[Math.floor(draw() * options.length) % options.length];
    }
    case 'pick': {
      const options = choices(sep, args, whole);
      if (options.length === 0) return undefined;
      // Stable for the whole story: the same macro at the same place picks the same option.
      const r = seededRandom(hashSeed(ctx.seed ?? 0, 'pick', whole, offset))();
      return options[Math.floor(r * options.length) % options.length];
    }
    case 'roll':
      return sep === undefined ? undefined : roll(args, draw);
    case 'lastmessage':
    case 'lastchatmessage':
      return bare ? (ctx.lastMessage ?? '') : undefined;
    case 'group':
    case 'charifnotgroup':
    case 'groupnotmuted':
      return bare && ctx.group ? ctx.group.join(', ') : undefined;
    case 'notchar':
      // Everyone in the scene but the character: the player first, as SillyTavern lists them.
      return bare && ctx.group ? [ctx.user, ...ctx.group.filter((n) => n !== ctx.char)].join(', ') : undefined;
    case 'personality':
      return bare ? ctx.personality : undefined;
    case 'mesexamples':
    case 'mesexamplesraw':
      return bare ? ctx.mesExamples : undefined;
    case 'idle_duration':
      return bare ? (ctx.idleMs === undefined ? 'just now' : humanDuration(ctx.idleMs)) : undefined;
    case 'time':
      // `{{time::UTC+2}}`, the newer spelling of `{{time_UTC+2}}`.
      if (!bare) return ctx.now === undefined ? undefined : utcTime(/^UTC([+-]\d{1,2})$/i.exec(args.trim())?.[1], ctx.now);
      return ctx.now === undefined ? undefined : clockMacro(name, new Date(ctx.now));
    default: {
      if (!bare || ctx.now === undefined) return undefined;
      const utc = UTC_TIME.exec(name);
      return utc ? utcTime(utc[1], ctx.now) : clockMacro(name, new Date(ctx.now));
    }
  }
}

/**
 * `{{timeDiff::a::b}}`: how far apart two dates are, in words ("3 days"), as SillyTavern's moment
 * `duration(a - b).humanize()` writes it (no sign). Either date unreadable: left as written.
 */
function timeDiff(args: string): string | undefined {
  const split = args.indexOf('::');
  if (split < 0) return undefined;
  const a = Date.parse(args.slice(0, split).trim());
  const b = Date.parse(args.slice(split + 2).trim());
  return Number.isNaN(a) || Number.isNaN(b) ? undefined : humanDuration(Math.abs(a - b));
}

/** `{{newline::3}}`, `{{space::4}}`: the text `count` times (at most 100: a count is layout, not a flood). */
function repeated(text: string, count: string): string | undefined {
  const n = /^\s*(\d{1,3})\s*$/.exec(count)?.[1];
  return n === undefined ? undefined : text.repeat(Math.min(100, Number(n)));
}

/** The time at a UTC offset in hours, written as `{{time}}` writes it (SillyTavern: moment's `LT` at that offset). */
function utcTime(offset: string | undefined, now: number): string | undefined {
  if (offset === undefined || Math.abs(Number(offset)) > 14) return undefined;
  const at = new Date(now + Number(offset) * 3_600_000);
  return twelveHour(at.getUTCHours(), at.getUTCMinutes());
}

/** "3:05 PM": moment's `LT`, as `{{time}}` writes it. */
function twelveHour(h: number, m: number): string {
  return `${((h + 11) % 12) + 1}:${pad(m)} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * `{{datetimeformat FORMAT}}`: the local date and time in moment's format tokens, the ones cards
 * use (`YYYY`, `MM`, `MMMM`, `DD`, `Do`, `dddd`, `HH`, `hh`, `mm`, `ss`, `A` ...); `[text]` is
 * written as it is, and any other letter too.
 */
function formatDate(format: string, at: Date): string {
  const h = at.getHours();
  const day = at.getDate();
  const tokens: Record<string, string> = {
    YYYY: String(at.getFullYear()),
    YY: String(at.getFullYear()).slice(-2),
    MMMM: MONTHS[at.getMonth()],
    MMM: MONTHS[at.getMonth()].slice(0, 3),
    MM: pad(at.getMonth() + 1),
    M: String(at.getMonth() + 1),
    Do: `${day}${ordinal(day)}`,
    DD: pad(day),
    D: String(day),
    dddd: WEEKDAYS[at.getDay()],
    ddd: WEEKDAYS[at.getDay()].slice(0, 3),
    HH: pad(h),
    H: String(h),
    hh: pad(((h + 11) % 12) + 1),
    h: String(((h + 11) % 12) + 1),
    mm: pad(at.getMinutes()),
    m: String(at.getMinutes()),
    ss: pad(at.getSeconds()),
    s: String(at.getSeconds()),
    A: h < 12 ? 'AM' : 'PM',
    a: h < 12 ? 'am' : 'pm',
  };
  return format.replace(DATE_TOKEN, (token: string, literal: string | undefined) => literal ?? tokens[token] ?? token);
}

const DATE_TOKEN = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a/g;

const ordinal = (n: number): string => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
};

/**
 * `{{random::a::b}}` (items as written, spaces included: `{{random::a::b }}` can give "b ") or
 * `{{random:a,b}}` (commas separate, items trimmed; `\,` is a comma). As SillyTavern's randomReplace
 * and pickReplace (public/scripts/macros.js): what follows the name and its `:` or `::` up to the
 * braces is split on `::` when it holds one, else on commas.
 */
function choices(sep: string | undefined, args: string, whole: string): string[] {
  if (sep === undefined) return [];
  const raw = sep.trim() === '' ? args : (COLON_ARGUMENTS.exec(whole)?.[1] ?? args);
  if (raw === '') return [];
  if (raw.includes('::')) return raw.split('::');
  return raw.split(/(?<!\\),/).map((s) => s.replace(/\\,/g, ',').trim());
}

/** The untrimmed text after a macro's name and its first `:` or `::`, up to the closing braces. */
const COLON_ARGUMENTS = /^\{\{\s*[A-Za-z_]\w*\s?::?([^}]*)\}\}$/;

/** `d6`, `1d20`, `2d6+3`, `3d8-1`, or a bare number of sides; anything else is left as written. */
function roll(spec: string, draw: () => number): string | undefined {
  const m = /^\s*(\d*)\s*d?\s*(\d+)\s*(?:([+-])\s*(\d+))?\s*$/i.exec(spec);
  if (!m) return undefined;
  const count = Math.min(100, Math.max(1, Number(m[1] || 1)));
  const sides = Number(m[2]);
  if (!Number.isSafeInteger(sides) || sides < 1) return undefined;
  let total = 0;
  for (let i = 0; i < count; i++) total += 1 + (Math.floor(draw() * sides) % sides);
  if (m[3] && m[4]) total += (m[3] === '-' ? -1 : 1) * Number(m[4]);
  return String(total);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The time and date macros, in the machine's local time as SillyTavern writes them. */
function clockMacro(name: string, at: Date): string | undefined {
  switch (name) {
    case 'time':
      return twelveHour(at.getHours(), at.getMinutes());
    case 'date':
      return `${MONTHS[at.getMonth()]} ${at.getDate()}, ${at.getFullYear()}`;
    case 'weekday':
      return WEEKDAYS[at.getDay()];
    case 'isotime':
      return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
    case 'isodate':
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
    default:
      return undefined;
  }
}

/** "a few seconds", "a minute", "5 minutes", "an hour", "3 days": moment's humanize, which cards expect. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  const m = s / 60;
  const h = m / 60;
  const d = h / 24;
  if (s < 45) return 'a few seconds';
  if (s < 90) return 'a minute';
  if (m < 45) return `${Math.round(m)} minutes`;
  if (m < 90) return 'an hour';
  if (h < 22) return `${Math.round(h)} hours`;
  if (h < 36) return 'a day';
  if (d < 26) return `${Math.round(d)} days`;
  if (d < 45) return 'a month';
  if (d < 320) return `${Math.round(d / 30.4)} months`;
  if (d < 548) return 'a year';
  return `${Math.round(d / 365)} years`;
}
