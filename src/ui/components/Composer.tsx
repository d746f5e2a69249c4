/**
 * The multi-line composer: a prompt mark, the text with a drawn cursor (inverse), wrapped to the
 * width and showing at most `maxLines` lines around the cursor.
 */
import { Box, Text } from 'ink';
import { cursorPosition, graphemes, nextIndex, type EditorState } from '../input/editor.js';
import { textWidth } from '../text/wrap.js';
import { tint } from '../theme.js';

export interface ComposerProps {
  editor: EditorState;
  width: number;
  maxLines: number;
  placeholder: string;
  /** The completion that Tab would insert, shown dimmed after the text. */
  suggestion?: string;
  disabled?: boolean;
}

interface VisualLine {
  text: string;
  /** Offset of the cursor in this line, if it is here. */
  cursor?: number;
  /** Where the line starts in the editor's text (UTF-16 offset). */
  start: number;
}

/** Splits the text into visual lines of at most `width` columns, tracking the cursor. */
export function composerLines(editor: EditorState, width: number, measure: (text: string) => number = textWidth): VisualLine[] {
  // A frame asks for the same lines three times (the composer, its height, the keys' line); a long
  // paste (16 KB) takes ~50 ms to wrap, so the last answer is kept.
  const last = lastLines;
  if (last?.text === editor.text && last.cursor === editor.cursor && last.width === width && last.measure === measure) return last.lines;
  const lines = wrapComposer(editor, width, measure);
  lastLines = { text: editor.text, cursor: editor.cursor, width, measure, lines };
  return lines;
}

let lastLines: { text: string; cursor: number; width: number; measure: (text: string) => number; lines: VisualLine[] } | undefined;

function wrapComposer(editor: EditorState, width: number, measure: (text: string) => number): VisualLine[] {
  const { line: cursorLine, column, lines } = cursorPosition(editor);
  const out: VisualLine[] = [];
  let lineStart = 0;
  lines.forEach((logical, li) => {
    let start = 0;
    // By grapheme, so a line never breaks between a letter and its accent, or inside an emoji.
    const chars = graphemes(logical);
    let current = '';
    // The width of `current`, kept as characters are added: measuring the whole run again for
    // each one made a long paste (17 KB with CJK) take a second a frame.
    let used = 0;
    let offset = 0;
    const pieces: Array<{ text: string; from: number }> = [];
    for (const ch of chars) {
      const w = measure(ch);
      if (used + w > width - 1) {
        // Break after the last space, as the story is wrapped, so a word is not cut in two;
        // a run with no space (a long URL, CJK) breaks where the width runs out.
        const cut = current.lastIndexOf(' ') + 1;
        const rest = cut < current.length ? measure(current.slice(cut)) : 0;
        if (current.slice(0, cut).trim() !== '' && cut < current.length && rest + w <= width - 1) {
          pieces.push({ text: current.slice(0, cut), from: start });
          start += cut;
          current = current.slice(cut);
          used = rest;
        } else {
          pieces.push({ text: current, from: start });
          start = offset;
          current = '';
          used = 0;
        }
      }
      current += ch;
      used += w;
      offset += ch.length;
    }
    pieces.push({ text: current, from: start });
    pieces.forEach((p, pi) => {
      const last = pi === pieces.length - 1;
      const inside =
        li === cursorLine && column >= p.from && (column < p.from + p.text.length || (last && column <= p.from + p.text.length));
      out.push({ text: p.text, start: lineStart + p.from, ...(inside ? { cursor: column - p.from } : {}) });
    });
    lineStart += logical.length + 1;
  });
  return out;
}

/** The composer's text width for a composer `width` columns wide (its prompt mark takes two). */
function composerInner(width: number): number {
  return Math.max(8, width - 2);
}

/** Which line the composer shows the cursor on, of how many: a short single line is answered without wrapping it. */
export function cursorLine(editor: EditorState, width: number): { line: number; count: number } {
  const inner = composerInner(width);
  // No character is wider than two columns and each line keeps one for the cursor.
  if (editor.text.length * 2 < inner - 1 && !editor.text.includes('\n')) return { line: 0, count: 1 };
  const lines = composerLines(editor, inner);
  return {
    line: Math.max(
      0,
      lines.findIndex((l) => l.cursor !== undefined),
    ),
    count: lines.length,
  };
}

/**
 * The cursor one line up (-1) or down (1) as the composer shows the text, wrapped to `width`, at
 * the column nearest the one it is at; undefined on the first (last) line shown, where ↑ (↓)
 * walks the history. A long paragraph wraps, so moving by the lines of the text jumped over it.
 */
export function moveVisual(
  editor: EditorState,
  width: number,
  by: -1 | 1,
  measure: (text: string) => number = textWidth,
): EditorState | undefined {
  const lines = composerLines(editor, composerInner(width), measure);
  const at = lines.findIndex((l) => l.cursor !== undefined);
  const index = at + by;
  if (at < 0 || index < 0 || index >= lines.length) return undefined;
  const target = lines[index];
  const here = lines[at];
  const column = measure(here.text.slice(0, here.cursor));
  let used = 0;
  let offset = 0;
  for (const g of graphemes(target.text)) {
    const w = measure(g);
    // The character the column falls in, or the nearer edge of a wide one.
    if (used + w > column && column - used < used + w - column) break;
    if (used >= column) break;
    used += w;
    offset += g.length;
  }
  // A line that wraps on: its end is the next line's start, where the cursor shows on the next line; it stops a character before.
  const wraps = index + 1 < lines.length && lines[index + 1].start === target.start + target.text.length;
  const chars = wraps ? graphemes(target.text) : [];
  const end = target.text.length - (chars.at(-1)?.length ?? 0);
  return { ...editor, cursor: target.start + Math.min(offset, end) };
}

/** The composer with its cursor, scrolled to keep the cursor line visible. */
export function Composer({ editor, width, maxLines, placeholder, suggestion, disabled }: ComposerProps) {
  const inner = composerInner(width);
  const lines = composerLines(editor, inner);
  const at = Math.max(
    0,
    lines.findIndex((l) => l.cursor !== undefined),
  );
  const first = Math.max(0, Math.min(at - maxLines + 1, lines.length - maxLines));
  const visible = lines.slice(first, first + maxLines);
  const empty = editor.text.length === 0;
  return (
    <Box flexDirection="column">
      {visible.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          <Text color={tint(disabled ? 'gray' : 'green')}>{i === 0 && first === 0 ? '› ' : '  '}</Text>
          {empty ? (
            <>
              <Text inverse> </Text>
              <Text dimColor>{placeholder}</Text>
            </>
          ) : line.cursor === undefined ? (
            <Text>{line.text}</Text>
          ) : (
            <>
              <Text>{line.text.slice(0, line.cursor)}</Text>
              <Text inverse>{line.cursor < line.text.length ? line.text.slice(line.cursor, nextIndex(line.text, line.cursor)) : ' '}</Text>
              <Text>{line.text.slice(nextIndex(line.text, line.cursor))}</Text>
              {suggestion && line.cursor === line.text.length ? <Text dimColor>{suggestion}</Text> : null}
            </>
          )}
        </Text>
      ))}
    </Box>
  );
}

/** How many lines the composer will take. */
export function composerHeight(editor: EditorState, width: number, maxLines: number): number {
  return Math.min(maxLines, composerLines(editor, composerInner(width)).length);
}
