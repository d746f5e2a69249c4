/**
 * Whether the scene is out of doors, read from the opening's scene line and the player's latest
 * move: the generic ambient sentences that need a room ("Shadows lean long across the floor",
 * "Someone knocks at the door") are not told on a wharf or a hillside. A reading that is not sure
 * says indoors, where every sentence may be told, as before.
 */
import type { NarrationContext } from '../../engine/types.js';

const OUTDOOR =
  /\b(?:outside|outdoors|out of doors|wharf|dock|pier|quay|street|square|yard|field|fields|hill|hillside|orchard|garden|river|riverbank|shore|beach|road|path|bridge|courtyard|forest|woods|sky|rooftop|landing|ferry|sluice|meadow|harbou?r|cliff|deck|mountainside|snowfield)\b|院子|山道|山路|街上|河边|江边|林中|雪地里|门外/iu;
const INDOOR =
  /\b(?:inside|indoors|room|hall|parlou?r|kitchen|inn|tavern|diner|chamber|cellar|house|home|shop|attic|office|library|church|chapel|temple|palace|bedroom|study|corridor|stairs|upstairs|downstairs)\b|屋里|房里|房间|大堂|客栈|厅|楼上|楼下|灶间|屋内/iu;
// A move: "I walk up the hill", "I step inside", "I go back to the diner", "我走进客栈".
const MOVE =
  /\b(?:go|goes|walk|step|head|climb|run|return|come|wander|hurry|slip|lead|follow)s?\b|走进|走出|回到|来到|出门|进门|上楼|下楼/iu;

/** True when the latest place the story names is out of doors and none names a room with it. */
export function outdoors(context: NarrationContext): boolean {
  const where = latestMove(context) ?? context.opening.scene;
  return OUTDOOR.test(where) && !INDOOR.test(where);
}

/** The player's latest message that moves somewhere named, read back from the newest: a long story is not read whole. */
function latestMove(context: NarrationContext): string | undefined {
  const moves = (text: string) => MOVE.test(text) && (OUTDOOR.test(text) || INDOOR.test(text));
  if (moves(context.playerInput)) return context.playerInput;
  for (let i = context.history.length - 1; i >= 0; i--) {
    const m = context.history[i];
    if (m.role === 'player' && moves(m.text)) return m.text;
  }
  return undefined;
}

/** Ambient sentences that put the player in a room. */
export const NEEDS_ROOM =
  /\b(?:room|rooms|walls?|floor|floorboards?|door|doors|shutters?|corners|overhead|roof|ceiling|latch|kettle|board|hearth)\b|屋|墙|门窗|窗纸|房梁|地上|灯芯|炉/iu;
