/**
 * The shape of a language's narration templates. Each function returns several variants so the
 * composer can pick by seed; every variant must stand as a full sentence (or a short run of
 * sentences) in the pack's language, and none may narrate the player's actions, words or thoughts:
 * the player is only ever looked at, waited for or asked.
 */

/** Values the templates fill in. `name` is the acting character, `other` a second one present. */
export interface Slots {
  name: string;
  other: string;
  /** A key noun phrase from the player's input ("the wheel"), or '' when none was found. */
  topic: string;
  /** The possessive for `name` ("his", "her", "their"), or '' when the pack does not say. */
  pos?: string;
  /** The possessive for `other`, or ''. */
  otherPos?: string;
}

/** A fact the player established, in the shape a character can take it up (recall.ts). */
export type Recalled =
  | { kind: 'name'; name: string }
  /** The player's own words, as the ledger keeps them. */
  | { kind: 'promise'; words: string }
  /** `person` is the player's `rel` (ofPlayer), or the player is `person`'s `rel`; never said by `person`. */
  | { kind: 'kin'; person: string; rel: string; ofPlayer: boolean }
  /** Something the player carries, already as "your silver key" / "你那把刀". */
  | { kind: 'thing'; thing: string }
  | { kind: 'place'; place: string };

/** How a terse player message is taken: "ok", "no", "hmm", or "and then?" (go on with the story). */
export type Terse = 'assent' | 'refusal' | 'silence' | 'onward';

export interface Templates {
  /** Acknowledges a question the player asked about `topic`. */
  ackQuestion: (s: Slots) => string[];
  /** Acknowledges what the player did or said about `topic`. */
  ackAction: (s: Slots) => string[];
  /** A character repeats the player's short question or words (`topic` holds them). */
  ackEcho: (s: Slots) => string[];
  /** Acknowledges what the player told or said, touching `topic` ("I tell him I came back for the harvest"). */
  ackTold: (s: Slots) => string[];
  /** Reflects what the player is doing (`topic` holds "looking around" or a Chinese clause). */
  ackDoing: (s: Slots) => string[];
  /** Acknowledges a terse message without quoting it: a nod, a no, a silence waited out, or a cue to go on. */
  ackTerse: (s: Slots & { terse: Terse }) => string[];
  /** Acknowledges the player's move when no topic could be read from it. */
  ackPlain: (s: Slots) => string[];
  /** Leads into a character answering with a piece of lore. */
  answerLead: (s: Slots) => string[];
  /** A character's honest non-answer, when no lore covers the question. */
  noAnswer: (s: Slots) => string[];
  /** Introduces a detail of the world narrated after it. */
  loreLead: (s: Slots) => string[];
  /** Quiet details of sound, light, smell and touch that fit most scenes. */
  sensory: (s: Slots) => string[];
  /** A feeling seen from outside, on the character's face or hands. */
  interior: (s: Slots) => string[];
  /** Something happens: the scene is interrupted. */
  event: (s: Slots) => string[];
  /** A second character makes things harder. */
  complication: (s: Slots) => string[];
  /** A second character who was not in the scene arrives: the only way someone new comes in. */
  entrance: (s: Slots) => string[];
  /** Someone comes to a player left alone (everyone here went, or the player went elsewhere). */
  arrival: (s: Slots) => string[];
  /** Someone the player sent away goes; ends the reply when no one else is here. */
  departure: (s: Slots) => string[];
  /** Short lines that raise the stakes. */
  stakes: (s: Slots) => string[];
  /** `event` for a gently told story (slice of life, slow burn): an interruption, not an alarm. */
  quietEvent: (s: Slots) => string[];
  /** `stakes` for a gently told story: what the moment means, not that time is running out. */
  quietStakes: (s: Slots) => string[];
  /** Leads into a plot-thread beat narrated after it. */
  threadLead: (s: Slots) => string[];
  /** The player alone, everyone gone: the quiet they are left in (no one to name). */
  aloneAck: () => string[];
  /** The player alone: the move is theirs (no one to ask it). */
  aloneHook: () => string[];
  /** Hints at a secret without telling it; `secret` is a noun phrase from it. */
  revealHint: (s: Slots & { secret: string }) => string[];
  /** Tells one sentence of lore the story has not told yet (`detail`) as something new to the player. */
  revealTold: (s: Slots & { detail: string }) => string[];
  /** A character says what they want; `goal` is the pack's goal text, safe in the first person. */
  goalLine: (s: Slots & { goal: string }) => string[];
  /** The narration shows what a character wants; `goal` is written about them (third person). */
  goalNarrated: (s: Slots & { goal: string }) => string[];
  /** A character answers with one sentence of lore (`detail`), in their own voice. */
  answerSpoken: (s: Slots & { detail: string }) => string[];
  /** The narration gives one sentence of lore (`detail`) as what a character tells. */
  answerNarrated: (s: Slots & { detail: string }) => string[];
  /** Something settles for now. */
  resolve: (s: Slots) => string[];
  /** A character takes up something the player established, in character; `just` when it was said this turn. */
  recall: (s: Slots & { fact: Recalled; just: boolean }) => string[];
  /** Ends on a question a character asks the player. */
  hookQuestion: (s: Slots) => string[];
  /** Ends on an open action addressed to the player. */
  hookAction: (s: Slots) => string[];
  /** Ends on a question built from the planner's hook text. */
  hookFrom: (s: Slots & { hook: string }) => string[];
  /** A character's line, with attributions shaped by `manner` (from the voice); `again` for their second line. */
  speak: (name: string, line: string, manner: string, again?: boolean) => string[];
  /** A quirk (already shaped as behaviour, quirks.ts) turned into an action sentence, or '' when it cannot be. */
  quirk: (name: string, quirk: string) => string;
  /** The manner word for a voice description ("quietly"), or ''. */
  manner: (voice: string) => string;
  /** Wraps an unquoted line as speech. */
  quote: (line: string) => string;
  /** Sentence-final punctuation for a bare beat or detail. */
  terminate: (text: string) => string;
  /** Separator between sentences. */
  space: string;
}
