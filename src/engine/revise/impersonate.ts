/**
 * Impersonate: the model drafts the player's next message in the player's own voice (their
 * persona, the way their recent messages read, a hint if given) for the player to edit and send.
 * Nothing is committed: the draft is only text handed back.
 */
import { neutralize } from '../../text/sanitize.js';
import type { PlayerPersona, WorldPack } from '../../world/types.js';
import type { ChatMessage, Provider, StoryMessage } from '../types.js';
import type { ChatPreset } from '../prompt/chat-preset.js';
import { resolveMacros } from '../macros.js';

export type DraftResult = { ok: true; text: string } | { ok: false; message: string };

/** Story messages the model reads before drafting. */
const RECENT_MESSAGES = 10;
/** The player's own messages shown as their style. */
const STYLE_EXAMPLES = 4;

/** How long the draft may be: about three times the player's usual length, within 80-320 tokens. */
export function draftTokens(history: readonly StoryMessage[]): number {
  const own = history.filter((m) => m.role === 'player').slice(-STYLE_EXAMPLES);
  const words = own.length ? own.reduce((n, m) => n + m.text.split(/\s+/u).filter(Boolean).length, 0) / own.length : 30;
  return Math.max(80, Math.min(320, Math.ceil(words * 3)));
}

/** What a draft is asked from; `preset` is the profile's SillyTavern chat-completion preset. */
export interface DraftArgs {
  pack: WorldPack;
  persona: PlayerPersona;
  history: readonly StoryMessage[];
  hint?: string;
  preset?: ChatPreset;
}

/** The request for a draft of the player's next message. */
export function impersonatePrompt(args: DraftArgs): ChatMessage[] {
  const { pack, persona, history } = args;
  const name = persona.name;
  const own = history.filter((m) => m.role === 'player').slice(-STYLE_EXAMPLES);
  const words = own.length ? Math.round(own.reduce((n, m) => n + m.text.split(/\s+/u).filter(Boolean).length, 0) / own.length) : 0;
  const system = [
    `You help the player of an interactive story, "${pack.title}", write their next message. The player plays ${name}.`,
    persona.persona.trim() ? `About ${name}: ${persona.persona.trim()}` : '',
    `Write only ${name}'s next message: what ${name} says or does now, in the player's own voice, person and tense${words ? `, about ${words} words like their recent messages` : ''}.`,
    `Never write for the narrator or any other character, never decide how they react, and add no label, preface or comment. Write in the story's language (${pack.language}).`,
    own.length
      ? `The player's recent messages, for their style:\n${own.map((m) => `- ${m.text.replace(/\s+/gu, ' ').trim()}`).join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const story = history
    .slice(-RECENT_MESSAGES)
    .map((m) => `${m.role === 'player' ? name : 'Narrator'}: ${m.text.trim()}`)
    .join('\n\n');
  const hint = args.hint?.trim();
  const ask = `The story so far:\n\n${story}\n\n${hint ? `What ${name} should do next (the player's hint): ${hint}\n\n` : ''}Write ${name}'s next message.`;
  const names = { user: name, char: pack.characters[0]?.name ?? '' };
  // A preset's impersonation prompt follows the ask, as SillyTavern sends it after the chat; its
  // assistant_impersonation is the draft's prefill.
  const presetAsk = args.preset?.impersonationPrompt ? resolveMacros(args.preset.impersonationPrompt, names).trim() : '';
  const prefill = impersonationPrefill(args);
  return [
    { role: 'system', content: system },
    { role: 'user', content: ask },
    ...(presetAsk ? [{ role: 'system' as const, content: presetAsk }] : []),
    ...(prefill ? [{ role: 'assistant' as const, content: prefill }] : []),
  ];
}

/** The preset's assistant_impersonation, macros resolved: the draft is written on from it. */
function impersonationPrefill(args: DraftArgs): string {
  const text = args.preset?.impersonationPrefill;
  return text ? resolveMacros(text, { user: args.persona.name, char: args.pack.characters[0]?.name ?? '' }) : '';
}

/**
 * The draft as the composer gets it: safe text, without a "Name:" label, cut where the model went
 * on to write the narrator's part or another turn.
 */
export function cleanDraft(text: string, name: string): string {
  let draft = neutralize(text).trim();
  const label = new RegExp(`^\\*{0,2}${escapeRegExp(name)}\\*{0,2}\\s*:(?:\\*{1,2})?\\s*`, 'iu');
  draft = draft.replace(label, '');
  const narrator = /\n\s*(?:\*{0,2})(?:Narrator|GM|DM)(?:\*{0,2})\s*:/iu.exec(draft);
  if (narrator) draft = draft.slice(0, narrator.index);
  return draft.trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * The prefill and the draft written on from it. A whole completion comes back trimmed, so the space
 * between them is put back unless the draft goes on with punctuation.
 */
function joinPrefill(prefill: string, written: string): string {
  if (!prefill || /\s$/u.test(prefill) || /^[\s,.;:!?)\]}…]/u.test(written)) return prefill + written;
  return `${prefill} ${written}`;
}

/** Asks `provider` for the draft; a failure is a sentence for the player, never a throw. */
export async function draftMessage(provider: Provider, args: DraftArgs, signal?: AbortSignal): Promise<DraftResult> {
  if (provider.offline) return offlineDraft(args.hint, args.persona.name, args.history);
  try {
    const written = await provider.complete(impersonatePrompt(args), {
      maxTokens: draftTokens(args.history),
      ...(signal ? { signal } : {}),
    });
    const raw = written.trim() ? joinPrefill(impersonationPrefill(args), written) : written;
    const text = cleanDraft(raw, args.persona.name);
    return text
      ? { ok: true, text }
      : { ok: false, message: 'The model sent an empty draft; try again, perhaps with a hint (/impersonate I ask about the debt).' };
  } catch (error) {
    if (signal?.aborted) return { ok: false, message: 'The draft was stopped.' };
    return { ok: false, message: `The draft could not be written (${error instanceof Error ? error.message : String(error)}); try again.` };
  }
}

/**
 * A draft without a model: the hint put in the player's own person (first, or third by name when
 * that is how they write) and in their *action* marks if they always use them. There is nothing
 * to phrase without a hint, so that is refused.
 */
export function offlineDraft(hint: string | undefined, name: string, history: readonly StoryMessage[]): DraftResult {
  const text = neutralize(hint ?? '').trim();
  if (!text)
    return {
      ok: false,
      message:
        'The offline narrator cannot write in your voice; give it what you do (/impersonate ask about the debt), or connect a model (/model).',
    };
  const own = history
    .filter((m) => m.role === 'player')
    .slice(-STYLE_EXAMPLES)
    .map((m) => m.text.trim());
  const third = own.length > 0 && own.filter((t) => t.startsWith(`${name} `)).length * 2 > own.length;
  const actions = own.length > 0 && own.every((t) => t.startsWith('*'));
  let draft = text;
  // A bare verb phrase ("ask about the debt") gets the player as its subject; anything else is theirs as typed.
  if (/^i\b/iu.test(text)) draft = `I${text.slice(1)}`;
  else if (/^[a-z]/u.test(text)) draft = third ? `${name} ${thirdPerson(text)}` : `I ${text}`;
  if (/[\p{L}\p{N}]$/u.test(draft)) draft += '.';
  return { ok: true, text: actions && !draft.startsWith('*') ? `*${draft}*` : draft };
}

/** "ask about it" → "asks about it": the first word as a third-person verb. */
function thirdPerson(phrase: string): string {
  return phrase.replace(/^[a-z]+/u, (verb) => {
    if (verb === 'be') return 'is';
    if (verb === 'have') return 'has';
    if (/(?:s|sh|ch|x|z|o)$/u.test(verb)) return `${verb}es`;
    if (/[^aeiou]y$/u.test(verb)) return `${verb.slice(0, -1)}ies`;
    return `${verb}s`;
  });
}
