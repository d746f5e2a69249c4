/**
 * The parts of a SillyTavern chat-completion preset that go elsewhere than the system prompt: its
 * prompts after the chat history (Post-History Instructions, the `jailbreak` prompt, among them),
 * its prompts placed inside the chat at a depth, the reply's prefill, and what continue and
 * impersonate send. The profile reads them from the preset file (config/st-chat-prompts.ts); the
 * prompt builder places them as SillyTavern's openai.js does.
 */
import type { ChatMessage } from '../types.js';
import type { RegexScript } from '../../world/types.js';
import { keepsOriginal, withOriginal } from './original.js';

export type PresetRole = ChatMessage['role'];

/** One prompt of the preset, in its Prompt Manager's order. */
export interface PresetPrompt {
  /** Its name in the Prompt Manager, for the debug pane and warnings. */
  name: string;
  role: PresetRole;
  text: string;
  /**
   * The preset's Post-History Instructions (`jailbreak`): a card's `post_history_instructions`
   * take its place, `{{original}}` in them keeping it, as SillyTavern overrides it.
   */
  postHistory?: boolean;
}

/** A prompt SillyTavern puts inside the chat (`injection_position` 1). */
export interface PresetInjection extends PresetPrompt {
  /** Messages from the end of the chat (0: after the last). */
  depth: number;
  /** `injection_order` (100 by default): at one depth, a lower order goes higher up. */
  order: number;
}

export interface ChatPreset {
  /** The enabled prompts after the chat-history marker, in order (the post-history slot kept even when empty). */
  afterChat: PresetPrompt[];
  injections: PresetInjection[];
  /** `assistant_prefill`: sent as the last assistant message, the reply joined to it. */
  assistantPrefill?: string;
  /** `assistant_impersonation`: the prefill of an impersonation. */
  impersonationPrefill?: string;
  /** `impersonation_prompt`: the instruction after the chat when the model drafts the player's message. */
  impersonationPrompt?: string;
  /** `continue_nudge_prompt`: the instruction after a reply being continued (`{{lastChatMessage}}` is the reply). */
  continueNudge?: string;
  /** `continue_prefill`: continue by sending the reply as the last assistant message, with no nudge. */
  continuePrefill?: boolean;
  /** `continue_postfix`: put between a reply and its continuation ('', ' ', '\n' or '\n\n'). */
  continuePostfix?: string;
  /** `extensions.regex_scripts`: run after the global scripts and before a card's (SillyTavern's SCRIPT_TYPES order). */
  regexScripts?: RegexScript[];
  /**
   * The preset's wrappers for what it places itself: `wi_format` (`{0}` the World Info text),
   * `scenario_format` (`{{scenario}}`), `personality_format` (`{{personality}}`); absent when the
   * preset leaves the text bare.
   */
  formats?: { worldInfo?: string; scenario?: string; personality?: string };
  /** `names_behavior` 2 (Message Content): every story message begins with its speaker's name. */
  namesInContent?: boolean;
}

/** SillyTavern's stringFormat for wi_format: `{0}` is the World Info text. */
export function formatWorldInfo(format: string, text: string): string {
  return format.replace(/\{0\}/g, () => text);
}

/**
 * SillyTavern's order for the messages it puts at one depth: lower `order` first; within an
 * order, assistant, then user, then system (its "most important go lower").
 */
export const ROLE_RANK: Record<PresetRole, number> = { assistant: 0, user: 1, system: 2 };

/** The messages after the chat, and whether the planner's directive is inside them. */
export interface AfterChat {
  messages: ChatMessage[];
  keepsDirective: boolean;
  /** Whose texts they are: the preset's prompts by name, `world` for a card's post-history instructions. */
  from: string[];
}

/**
 * The preset's prompts after the chat, in order, with the Post-History Instructions layered like
 * the system prompt: the directive, the preset's text over it, a card's instructions over that,
 * each keeping the one below where it writes `{{original}}` (a blank layer is no layer). Without
 * the preset's slot a card's instructions follow its other prompts, as skald sent them before.
 */
export function afterChatMessages(
  prompts: readonly PresetPrompt[],
  instructions: string,
  directive: string,
  macro: (text: string) => string,
): AfterChat {
  let layered = directive;
  let keeps = true;
  let applied = false;
  const slot = prompts.find((p) => p.postHistory);
  for (const layer of [slot?.text ?? '', instructions]) {
    if (!layer.trim()) continue;
    layered = withOriginal(layer, layered);
    keeps &&= keepsOriginal(layer);
    applied = true;
  }
  const from: string[] = [];
  const messages: ChatMessage[] = [];
  const push = (role: PresetRole, text: string) => {
    const content = macro(text).trim();
    if (content) messages.push({ role, content });
  };
  for (const p of prompts) {
    if (p === slot) {
      if (applied) push(p.role, layered);
    } else push(p.role, p.text);
    if (p.text.trim()) from.push(p.name);
  }
  if (!slot && applied) push('system', layered);
  if (instructions.trim()) from.push('world');
  return { messages, keepsDirective: applied && keeps && messages.length > 0, from };
}
