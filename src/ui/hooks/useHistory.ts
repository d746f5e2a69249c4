/**
 * The history printed above the live area (`Transcript`): the world's banner, the opening and every finished turn
 * except the one on the live area. Rows are memoised per turn, choice and width. When the new
 * history is not the old one plus new rows (an undo, a branch switch, a fork) or the width
 * changed, the epoch moves on: the screen is cleared and the history printed afresh once.
 */
import { useMemo, useRef } from 'react';
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import type { Turn } from '../../engine/types.js';
import { displayedTurn } from '../../engine/regex/scripts.js';
import { neutralize } from '../../text/sanitize.js';
import type { NameColor } from '../text/colors.js';
import { candidateMark, storyLines, turnLines } from '../text/blocks.js';
import type { SpillView } from './useSpill.js';
import { wrapSegments, type Line } from '../text/wrap.js';
import type { HistoryItem } from '../components/Transcript.js';
import { windowStart, wrappedKey, type WrappedTurns } from '../text/history-window.js';

export interface HistoryInput {
  pack: WorldPack;
  /** What the banner says of the pack: its creator notes in the player's language (default: its summary). */
  about?: string;
  opening: Opening;
  /** The opening as the player reads it (card macros resolved). */
  openingText: string;
  persona: PlayerPersona;
  names: NameColor[];
  turns: readonly Turn[];
  width: number;
  /** One line under the banner (how to connect a model, pack warnings). */
  notes: string[];
  /** Heads of long replies already moved into the history while they streamed. */
  spills: SpillView;
  /** The committed turn shown on the live area (its spilled head, if any, stays in the history). */
  tail?: Turn;
  /** Turns of the branch before `turns` (a resume shown from the log's end while the rest loads). */
  earlier?: number;
  /** Turns a resume's tail check wrapped already; used where they were wrapped as this history wraps them. */
  wrapped?: WrappedTurns;
  /** Counts the times the terminal lost what was printed (Ink cleared it): each one prints the history afresh. */
  cleared?: number;
}

function bannerLines(pack: WorldPack, about: string, opening: Opening, persona: PlayerPersona, notes: string[], width: number): Line[] {
  const lines: Line[] = [
    ...wrapSegments(
      [
        { text: neutralize(pack.title), kind: 'name', color: 'cyan' },
        { text: `  ${neutralize(opening.title)}`, kind: 'meta' },
      ],
      width,
    ),
    ...wrapSegments([{ text: neutralize(about), kind: 'meta' }], width),
    ...wrapSegments(
      [
        {
          text: `You play ${neutralize(persona.name)}. Write what you do or say and press Enter; /help lists the keys and commands.`,
          kind: 'meta',
        },
      ],
      width,
    ),
  ];
  for (const note of notes) lines.push(...wrapSegments([{ text: neutralize(note), kind: 'action' }], width));
  lines.push([]);
  return lines;
}

/** The history rows and their epoch; calls `onRedraw` (clear the screen) when the epoch moves on. */
export function useHistory(input: HistoryInput, onRedraw?: () => void): { items: HistoryItem[]; epoch: number } {
  const cache = useRef(new Map<string, Line[]>());
  // The first turn printed. It stays put while turns are appended, so the transcript only ever adds rows;
  // a redraw that no longer finds it (a branch switch, an undo past it) starts a new window.
  const anchor = useRef<string | undefined>(undefined);
  const printed = useRef<{ items?: HistoryItem[]; keys: string[]; width: number; epoch: number; cleared: number }>({
    keys: [],
    width: input.width,
    epoch: 0,
    cleared: input.cleared ?? 0,
  });
  const { pack, opening, openingText, persona, names, turns, width, notes, spills, tail, earlier = 0, wrapped } = input;
  const about = input.about ?? pack.summary;
  const ready = useMemo(
    () =>
      wrapped && wrapped.width === width && wrapped.playerName === persona.name && JSON.stringify(wrapped.names) === JSON.stringify(names)
        ? wrapped.lines
        : undefined,
    [wrapped, width, persona.name, names],
  );

  const items = useMemo(() => {
    const out: HistoryItem[] = [
      // Keyed by the opening too: swiping to another before the first turn redraws them; by the notes, so a warning
      // found once a resume's whole log is read is printed.
      { key: `banner:${opening.id}:${width}:${notes.join('\n')}`, lines: bannerLines(pack, about, opening, persona, notes, width) },
      { key: `opening:${opening.id}:${width}`, lines: [...storyLines(openingText, names, width), []] },
    ];
    const next = new Map<string, Line[]>();
    // A resume wrapped its tail as stored; a turn whose shown text differs (display-only regex scripts) is wrapped here.
    const wrap = (turn: Turn): Line[] => {
      const shown = displayedTurn(pack, persona.name, turn);
      return (shown === turn ? ready?.get(wrappedKey(turn)) : undefined) ?? turnLines(shown, persona.name, names, width);
    };
    const linesOf = (turn: Turn): Line[] => {
      const key = `${turn.id}:${turn.chosen}:${width}`;
      const lines = next.get(key) ?? cache.current.get(key) ?? wrap(turn);
      next.set(key, lines);
      return lines;
    };
    let start = anchor.current === undefined ? -1 : turns.findIndex((t) => t.id === anchor.current);
    if (start < 0) start = windowStart(turns, (turn) => linesOf(turn).length);
    anchor.current = turns[start]?.id;
    const elided = start + earlier;
    if (elided > 0) {
      const note = `… ${elided.toLocaleString('en-US')} earlier turn${elided === 1 ? '' : 's'} not shown; /export writes the whole story.`;
      out.push({ key: `elided:${elided}:${width}`, lines: [...wrapSegments([{ text: note, kind: 'meta' }], width), []] });
    }
    for (const turn of turns.slice(start)) {
      const chosen = turn.candidates[turn.chosen];
      const spill = spills.forTurn(turn);
      if (spill && chosen) {
        // The head went into the history while it streamed; the rest follows it.
        const mark = candidateMark(chosen);
        const rest: Line[] = [
          [],
          ...storyLines(spills.rest(spill, chosen.text), names, width),
          ...(mark ? [[{ text: mark, kind: 'meta' as const }]] : []),
          [],
        ];
        out.push(...spill.items, { key: `rest:${chosen.id}:${width}`, lines: rest });
        continue;
      }
      out.push({ key: `${turn.id}:${turn.chosen}:${width}`, lines: linesOf(turn) });
    }
    cache.current = next;
    if (spills.live) out.push(...spills.live.items);
    else if (tail) out.push(...(spills.forTurn(tail)?.items ?? []));
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- spills change with their version
  }, [pack, about, opening, openingText, persona, names, turns, width, notes, spills.version, tail, earlier, ready]);

  // Compared only when the items changed, so a streaming render does no work per history row.
  const cleared = input.cleared ?? 0;
  if (printed.current.items !== items || printed.current.cleared !== cleared) {
    const keys = items.map((i) => i.key);
    const state = printed.current;
    const extends_ = state.keys.every((k, i) => keys[i] === k);
    if (!extends_ || state.width !== width || state.cleared !== cleared) {
      printed.current = { items, keys, width, epoch: state.epoch + 1, cleared };
      onRedraw?.();
    } else {
      printed.current = { ...state, items, keys };
    }
  }
  return { items, epoch: printed.current.epoch };
}
