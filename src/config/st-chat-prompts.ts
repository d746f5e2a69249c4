/**
 * The prompts of a SillyTavern chat-completion preset (`presets/openai/*.json`: `prompts` and
 * `prompt_order`, as its Prompt Manager keeps them), read as a profile's system prompt. SillyTavern
 * sends each enabled prompt above the chat history as a system message of its own, around its
 * markers (the character's description, World Info, the examples ...). skald places the world's
 * parts itself, so the preset's own texts before the chat history become one system prompt, in
 * the preset's order; what it sends after the chat, inside it at a depth, as the reply's prefill
 * and for continue and impersonate is read into a ChatPreset the prompt builder places.
 */
import type { ChatPreset, PresetInjection, PresetPrompt, PresetRole } from '../engine/prompt/chat-preset.js';
import { describeScripts, readRegexScripts } from '../world/import/st-regex.js';

type Obj = Record<string, unknown>;

/** Where SillyTavern puts the card, World Info and the chat: skald has its own sections for them. */
const MARKERS = new Set([
  'worldInfoBefore',
  'worldInfoAfter',
  'charDescription',
  'charPersonality',
  'scenario',
  'personaDescription',
  'dialogueExamples',
  'chatHistory',
]);

/** The Prompt Manager's order for every character since SillyTavern 1.10 (its `dummyId`); 100000 before. */
const GLOBAL_ORDER_IDS = [100001, 100000];

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when the JSON is a chat-completion preset carrying a Prompt Manager (`prompts` and `prompt_order`). */
export function isChatCompletionPreset(raw: Obj): boolean {
  return Array.isArray(raw.prompts) && Array.isArray(raw.prompt_order);
}

export interface ChatPresetPrompt {
  /** The enabled prompts above the chat history, joined in the preset's order; '' when all are empty. */
  text: string;
  /** How many prompts went into `text`. */
  used: number;
  /** What goes after the chat, inside it, as the prefill, and for continue and impersonate. */
  preset: ChatPreset;
  /** What each of those is, one phrase each, for the line that says what was read. */
  placed: string[];
  /** Prompts not sent, each with why. */
  leftOut: string[];
  /** The preset's regex scripts skald cannot run, each with why. */
  unrun: string[];
  /** Its formats and names_behavior, where they change what is sent. */
  formatting: string[];
}

/** The preset's order: the global one, else the first that lists prompts. */
function orderOf(raw: Obj): Array<{ identifier: string; enabled: boolean }> {
  const lists = (raw.prompt_order as unknown[]).filter(isObj);
  const chosen =
    GLOBAL_ORDER_IDS.map((id) => lists.find((l) => l.character_id === id)).find((l) => Array.isArray(l?.order)) ??
    lists.find((l) => Array.isArray(l.order));
  const order = chosen && Array.isArray(chosen.order) ? chosen.order : [];
  return order
    .filter(isObj)
    .flatMap((o) => (typeof o.identifier === 'string' ? [{ identifier: o.identifier, enabled: o.enabled !== false }] : []));
}

const nameOf = (p: Obj, id: string): string => (typeof p.name === 'string' && p.name.trim() ? p.name.trim() : id);
const label = (p: Obj, id: string): string => `"${nameOf(p, id)}"`;
const roleOf = (p: Obj): PresetRole => (p.role === 'user' || p.role === 'assistant' ? p.role : 'system');
/** SillyTavern's defaults for a prompt placed in the chat: depth 4, order 100. */
const numberOr = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : fallback;
const textOf = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** The system prompt a chat-completion preset's prompts make, and the parts it places elsewhere. */
export function chatPresetPrompt(raw: Obj): ChatPresetPrompt {
  const byId = new Map<string, Obj>();
  for (const p of (raw.prompts as unknown[]).filter(isObj)) if (typeof p.identifier === 'string') byId.set(p.identifier, p);
  const parts: string[] = [];
  const afterChat: PresetPrompt[] = [];
  const injections: PresetInjection[] = [];
  const placed: string[] = [];
  const leftOut: string[] = [];
  let past = false;
  for (const { identifier, enabled } of orderOf(raw)) {
    if (identifier === 'chatHistory') {
      past = true;
      continue;
    }
    const prompt = byId.get(identifier);
    if (!enabled || !prompt || prompt.marker === true || MARKERS.has(identifier)) continue;
    const content = textOf(prompt.content);
    // A prompt SillyTavern sends only for some kinds of generation (injection_trigger) that leave out
    // a new reply is left out: skald's prompt is the same for a reply, a swipe and a continue.
    const triggers = Array.isArray(prompt.injection_trigger) ? prompt.injection_trigger.filter((t) => typeof t === 'string') : [];
    if (triggers.length > 0 && !triggers.includes('normal')) {
      if (content) leftOut.push(`${label(prompt, identifier)} (sent only for ${triggers.join(', ')})`);
      continue;
    }
    const isPostHistory = identifier === 'jailbreak';
    // An empty Post-History Instructions still holds the place a card's instructions take.
    if (!content && !(isPostHistory && past && prompt.injection_position !== 1)) continue;
    const base = { name: nameOf(prompt, identifier), role: roleOf(prompt), text: content };
    // SillyTavern's injection_position 1 puts a prompt inside the chat, injection_depth messages from its end.
    if (prompt.injection_position === 1) {
      const depth = numberOr(prompt.injection_depth, 4);
      injections.push({ ...base, depth, order: numberOr(prompt.injection_order, 100) });
      placed.push(`${label(prompt, identifier)} ${depth} messages from the end of the chat`);
    } else if (past) {
      afterChat.push({ ...base, ...(isPostHistory ? { postHistory: true } : {}) });
      if (content) placed.push(`${label(prompt, identifier)} after the chat`);
    } else parts.push(content);
  }
  // The preset's own regex scripts (SillyTavern 1.13's preset-scoped ones), run before a card's.
  const regex = readRegexScripts(isObj(raw.extensions) ? raw.extensions.regex_scripts : undefined);
  if (regex.scripts.length) placed.push(`${describeScripts(regex.scripts)} run after the global ones and before a card's`);
  const unrun = regex.leftOut.map((l) => `the regex script ${l}`);
  // Wrappers that change the text (SillyTavern leaves it bare for an empty one, and '{0}' is bare too).
  const format = (v: unknown, bare: string) => (typeof v === 'string' && v.trim() && v.trim() !== bare ? v : undefined);
  const formats = {
    ...(format(raw.wi_format, '{0}') ? { worldInfo: raw.wi_format as string } : {}),
    ...(format(raw.scenario_format, '{{scenario}}') ? { scenario: raw.scenario_format as string } : {}),
    ...(format(raw.personality_format, '{{personality}}') ? { personality: raw.personality_format as string } : {}),
  };
  const formatNames = { worldInfo: 'wi_format', scenario: 'scenario_format', personality: 'personality_format' } as const;
  const formatted = (Object.keys(formats) as Array<keyof typeof formats>).map((k) => formatNames[k]);
  const formatting = formatted.map((f) => `its ${f}`);
  // SillyTavern's character_names_behavior: 2 (CONTENT) puts each speaker's name in the message.
  const namesInContent = raw.names_behavior === 2;
  if (namesInContent) formatting.push("each story message begun with its speaker's name (names_behavior: Message Content)");
  const prefill = textOf(raw.assistant_prefill);
  if (prefill) placed.push(`the assistant prefill (${prefill.length} chars) before the reply`);
  const preset: ChatPreset = {
    afterChat,
    injections,
    ...(prefill ? { assistantPrefill: prefill } : {}),
    ...(textOf(raw.assistant_impersonation) ? { impersonationPrefill: textOf(raw.assistant_impersonation) } : {}),
    ...(textOf(raw.impersonation_prompt) ? { impersonationPrompt: textOf(raw.impersonation_prompt) } : {}),
    ...(textOf(raw.continue_nudge_prompt) ? { continueNudge: textOf(raw.continue_nudge_prompt) } : {}),
    ...(raw.continue_prefill === true ? { continuePrefill: true } : {}),
    ...(typeof raw.continue_postfix === 'string' ? { continuePostfix: raw.continue_postfix } : {}),
    ...(regex.scripts.length ? { regexScripts: regex.scripts } : {}),
    ...(formatted.length ? { formats } : {}),
    ...(namesInContent ? { namesInContent } : {}),
  };
  return { text: parts.join('\n\n'), used: parts.length, preset, placed, leftOut, unrun, formatting };
}
