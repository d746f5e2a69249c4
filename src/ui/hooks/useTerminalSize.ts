/** The terminal's columns and rows, updated on resize. */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

// The rows as they are, however few: a live area laid out for more rows than the terminal has is
// as tall as the terminal, and Ink then clears the screen and its scrollback on every frame.
function read(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: Math.max(20, stdout.columns || 80), rows: Math.max(1, stdout.rows || 24) };
}

/** Columns and rows of the output stream, re-read on every `resize`. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = () => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
