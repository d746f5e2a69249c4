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
}

/** Splits the text into visual lines of at most `width` columns, tracking the cursor. */
export function composerLines(editor: EditorState, width: number, measure: (text: string) => number = textWidth): VisualLine[] {
  const { line: cursorLine, column, lines } = cursorPosition(editor);
  const out: VisualLine[] = [];
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
      out.push({ text: p.text, ...(inside ? { cursor: column - p.from } : {}) });
    });
  });
  return out;
}

/** The composer with its cursor, scrolled to keep the cursor line visible. */
export function Composer({ editor, width, maxLines, placeholder, suggestion, disabled }: ComposerProps) {
  const inner = Math.max(8, width - 2);
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
  return Math.min(maxLines, composerLines(editor, Math.max(8, width - 2)).length);
}
