/**
 * The held-out columns of the labelled player messages (tests/corpora/player), oldest first: one list for the
 * player-reading and the fact measures, so a new column is added once.
 */
export const HELD_OUT_ORIGINS = [
  'real-heldout',
  'real-heldout-2',
  'real-heldout-3',
  'real-heldout-4',
  'real-heldout-5',
  'real-heldout-6',
  'real-heldout-7',
  'real-heldout-8',
  'real-heldout-9',
] as const;

export type HeldOutOrigin = (typeof HELD_OUT_ORIGINS)[number];
