/**
 * `{{original}}`, as SillyTavern and the character card spec use it: a prompt that replaces
 * another keeps it where it writes `{{original}}`. skald layers the narrator's rules this way
 * (its own rules, a profile's system prompt, a world's, a story's) and the card's post-history
 * instructions over the planner's directive.
 */

const ORIGINAL = /\{\{original\}\}/gi;

/** Whether `text` keeps what it replaces. */
export function keepsOriginal(text: string): boolean {
  return /\{\{original\}\}/i.test(text);
}

/** `custom` in place of `original`, with `original` spliced in at each `{{original}}`. */
export function withOriginal(custom: string, original: string): string {
  return custom.replace(ORIGINAL, () => original);
}

/** Where a layer of the system prompt came from. */
export type SystemPromptSource = 'profile' | 'world' | 'story';

/** The narrator's rules after every layer, and which layer had the last word. */
export interface LayeredRules {
  text: string;
  /** The outermost layer that applied, absent when skald's own rules stand alone. */
  source?: SystemPromptSource;
  /** Whether skald's own rules are still in the text (every layer kept `{{original}}`). */
  keepsSkald: boolean;
}

/**
 * Skald's rules under each layer in turn (profile, world, story: the more particular wins, as the
 * samplers do); a blank layer is no layer.
 */
export function layerRules(rules: string, layers: Partial<Record<SystemPromptSource, string>>): LayeredRules {
  let out: LayeredRules = { text: rules, keepsSkald: true };
  for (const source of ['profile', 'world', 'story'] as const) {
    const layer = layers[source]?.trim();
    if (!layer) continue;
    out = { text: withOriginal(layer, out.text), source, keepsSkald: out.keepsSkald && keepsOriginal(layer) };
  }
  return out;
}
