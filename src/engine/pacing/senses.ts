/**
 * Verbs of doing in a sense that does nothing.
 *
 * "Do you take this man to be your husband?", "I take him to be a liar", "Take that as a yes": to
 * take someone to be something, or take it as something, is to accept or understand it; nothing is
 * picked up. ("I take the boat to be safe" still takes the boat: only a person or thing named as
 * what it is, after "to be a/the/your ...", is the idle sense.)
 */
const TAKEN_AS =
  /\b(?:take|takes|taking|took|taken)(?=\s+(?:(?:[\p{L}'’-]+\s+){1,4}to\s+be\s+(?:a|an|the|my|your|his|her|our|their)\b|(?:it|that|this)\s+as\s+(?:a|an|the|my|your|his|her|our|their|read|said|given)\b))/giu;

/**
 * "Would running a bar suit you?", "She runs the ferry": to run a thing is to keep it going; nobody
 * runs anywhere. Running is going somewhere when the object is a way or a stretch of it ("ran the
 * length of the hall", "run the gauntlet") or when a direction follows ("run a hand through her
 * hair", "run the blade along his throat").
 */
const RUN_A_THING =
  /\b(?:run|runs|running|ran)(?=\s+(?:a|an|the|this|that|my|your|his|her|our|their)\s+(?!(?:length|distance|gauntlet|race|risk|gamut|course|streets?|stairs|halls?|corridors?|road|path|way)\b)[\p{L}'’-]+)(?!(?:\s+[\p{L}'’-]+){2,4}?\s+(?:through|along|across|over|into|down|up|past|around|round|out|off|back|away|to|toward|towards|from|in|on|under)\b)/giu;

/**
 * "This could go badly", "It went well": to go with how it turns out is an outcome, no movement.
 */
const GO_AS_OUTCOME =
  /\b(?:go|goes|went|going|gone)\s+(?:(?:so|really|very|pretty|too|terribly|horribly|awfully)\s+)?(?:badly|well|wrong|smoothly|fine|south|awry|sideways)\b/giu;

/**
 * "Every time someone pulls from it, ...", "whenever he draws that blade": what is done each time
 * is a habit told, no act now. The clause runs to the next comma or sentence mark.
 */
const HABITUAL = /\b(?:every time|each time|whenever)\b[^,.!?;:\n。！？，；]*/giu;

/**
 * "I drew her a while ago", "We fought them last winter", "昨天我去过那里": a clause that places itself in
 * the past tells what was done then; its verbs are no act now (what was felt then is still dwelt on). Only words that can only mean the past
 * ("之前" and "before" also say "before dark", "earlier" a moment ago in the scene).
 */
export const PAST_TOLD =
  /[^,.!?;:\n。！？，；]*(?:\b(?:(?:\d+|a|an|some|a few|few|many|long|two|three|several)\s+(?:\p{L}+\s+)?ago|yesterday|last\s+(?:night|week|month|year|winter|summer|spring|autumn|fall|time)|the\s+other\s+day|back\s+(?:then|when))\b|刚才|昨天|昨晚|前天|那时候?|当时|小时候|当年|曾经)[^,.!?;:\n。！？，；]*/giu;

/**
 * "I pull her into a hug", "He draws her into an embrace": the motion is the hug's; the tender
 * gesture is what the sentence does.
 */
const INTO_TENDERNESS =
  /\b(?:pull|pulls|pulled|pulling|draw|draws|drew|drawing|wrap|wraps|wrapped|wrapping|sweep|sweeps|swept|sweeping|scoop|scoops|scooped|scooping|tug|tugs|tugged|tugging)\b(?=[^.!?;\n]{0,30}?\binto\s+(?:(?:a|an|the|his|her|their|my|your|our)\s+)?(?:[\p{L}-]+\s+){0,2}(?:hug|embrace|kiss|cuddle)\b)/giu;

/** The text with verbs of doing blanked where they are used in an idle sense. */
export function withoutIdleSenses(text: string): string {
  return text
    .replace(TAKEN_AS, ' ')
    .replace(RUN_A_THING, ' ')
    .replace(GO_AS_OUTCOME, (m) => ' '.repeat(m.length))
    .replace(HABITUAL, (m) => ' '.repeat(m.length))
    .replace(INTO_TENDERNESS, (m) => ' '.repeat(m.length));
}
