/**
 * The prompts of a SillyTavern chat-completion preset (`presets/openai/*.json`: `prompts` and
 * `prompt_order`, as its Prompt Manager keeps them), read as a profile's system prompt. SillyTavern
 * sends each enabled prompt above the chat history as a system message of its own, around its
 * markers (the character's description, World Info, the examples ...). skald places the world's
 * parts itself, so the preset's own texts before the chat history become one system prompt, in
 * the preset's order; what SillyTavern sends after or inside the chat is named, not sent.
 */

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
  /** What SillyTavern would send that skald does not: after the chat, inside it at a depth, the reply's prefill. */
  leftOut: string[];
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

const label = (p: Obj, id: string): string => `"${typeof p.name === 'string' && p.name.trim() ? p.name.trim() : id}"`;

/** The system prompt a chat-completion preset's prompts make, and what of them skald leaves out. */
export function chatPresetPrompt(raw: Obj): ChatPresetPrompt {
  const byId = new Map<string, Obj>();
  for (const p of (raw.prompts as unknown[]).filter(isObj)) if (typeof p.identifier === 'string') byId.set(p.identifier, p);
  const parts: string[] = [];
  const leftOut: string[] = [];
  let afterChat = false;
  for (const { identifier, enabled } of orderOf(raw)) {
    if (identifier === 'chatHistory') {
      afterChat = true;
      continue;
    }
    const prompt = byId.get(identifier);
    if (!enabled || !prompt || prompt.marker === true || MARKERS.has(identifier)) continue;
    const content = typeof prompt.content === 'string' ? prompt.content.trim() : '';
    if (!content) continue;
    // SillyTavern's injection_position 1 puts a prompt inside the chat, injection_depth messages from its end.
    if (prompt.injection_position === 1) {
      const depth = typeof prompt.injection_depth === 'number' ? prompt.injection_depth : 4;
      leftOut.push(`${label(prompt, identifier)} (${content.length} chars, ${depth} messages from the end of the chat)`);
    } else if (afterChat) leftOut.push(`${label(prompt, identifier)} (${content.length} chars, after the chat)`);
    else parts.push(content);
  }
  const prefill = typeof raw.assistant_prefill === 'string' ? raw.assistant_prefill.trim() : '';
  if (prefill) leftOut.push(`assistant_prefill (${prefill.length} chars)`);
  return { text: parts.join('\n\n'), used: parts.length, leftOut };
}
