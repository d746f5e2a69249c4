/**
 * How long one player line may be. A story is a conversation: 16 KB (16,384 characters) holds a
 * long pasted letter, and a longer line is refused with this sentence rather than cut or dropped
 * unseen (the README says so too).
 */
export const MAX_INPUT_CHARS = 16_384;

/** The sentence that refuses a line over the limit, or undefined when it fits. */
export function inputTooLong(text: string): string | undefined {
  if (text.length <= MAX_INPUT_CHARS) return undefined;
  const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
  return `Your message is ${kb(text.length)} long; a message may be at most ${kb(MAX_INPUT_CHARS)} (${MAX_INPUT_CHARS.toLocaleString('en-US')} characters), so nothing was sent. Split it into shorter messages.`;
}
