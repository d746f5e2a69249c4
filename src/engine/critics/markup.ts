/**
 * Patterns shared by the formatting critic and the repairs: chat-template debris models leave in
 * their output, and speaker prefixes that belong to the transcript rather than the story.
 */
export const LEFTOVER_TAG =
  /<\/?think>|<\/?(?:reasoning|thinking|assistant|user|system|s)>|<\|[a-z_]+(?:\|>|>)|\[\/?INST\]|\[\/?SYS\]|<<\/?SYS>>|<\/?(?:start|end)_of_turn>|^#{2,3} ?(?:Instruction|Response|Input)s?:?/gimu;

/** Role prefixes of the assistant side (removed when they open a reply). */
export const ASSISTANT_PREFIX = /^\s*(?:Assistant|Narrator|AI|Model|Bot|System|GM|\{\{char\}\})\s*[:：]\s*/iu;

/** Generic transcript speakers at a line start, flagged wherever they appear. */
export const ROLE_LINE = /^[ \t]*(?:User|Assistant|Human|AI|System|Player|Narrator|Model|\{\{user\}\}|\{\{char\}\})[ \t]*[:：]/gimu;

// Built once per player: every candidate is repaired with it. Callers use matchAll, which copies
// the regex, so the shared one's lastIndex never moves.
const playerLines = new Map<string, RegExp>();

/**
 * A line spoken by the player: their name (a surname may follow: "Tamsin Alder:"), `{{user}}`,
 * `User`, `You`, `Player` or `Human`, and a colon.
 */
export function playerLineRegex(playerSource: string): RegExp {
  let regex = playerLines.get(playerSource);
  if (!regex) {
    regex = new RegExp(
      `^[ \\t]*(?:${playerSource}(?:[ \\t]+\\p{Lu}[\\p{L}'’-]*)?|\\{\\{user\\}\\}|User|You|Player|Human)[ \\t]*[:：]`,
      'gimu',
    );
    if (playerLines.size >= 16) playerLines.clear();
    playerLines.set(playerSource, regex);
  }
  return regex;
}

/** Single `*` (not `**`) used for actions. */
export const SINGLE_STAR = /(?<!\*)\*(?!\*)/g;

/** Characters that may close a finished sentence (after trailing quotes and markup are allowed). */
export const SENTENCE_END = /[.!?。！？…~—–\-)）」』"'”’*>\]】]\s*$/u;
