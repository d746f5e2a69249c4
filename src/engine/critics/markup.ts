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

/**
 * A line spoken by the player: one of `names` (an alternation of their name forms, `User`, `You`
 * ...), a surname after it ("Tamsin Alder:"), a stage direction in brackets ("Tamsin (quietly):"),
 * and a colon. The speaks-for-user critic flags these lines and the repair cuts a reply at one.
 */
export function playerLineRegex(names: string): RegExp {
  return new RegExp(`^[ \\t]*(?:${names})(?:[ \\t]+\\p{Lu}[\\p{L}'’-]*)?(?:[ \\t]*[(（][^)）\\n]{1,40}[)）])?[ \\t]*[:：]`, 'gmu');
}

/** Single `*` (not `**`) used for actions. */
export const SINGLE_STAR = /(?<!\*)\*(?!\*)/g;

/** Characters that may close a finished sentence (after trailing quotes and markup are allowed). */
export const SENTENCE_END = /[.!?。！？…~—–\-)）」』"'”’*>\]】]\s*$/u;
