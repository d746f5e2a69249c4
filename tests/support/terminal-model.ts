// A small model of a terminal for tests: the escapes Ink and skald write (cursor moves, line and
// screen erases, the alternate screen), the visible rows and the scrollback. Colours and the
// modes it does not model (cursor visibility, synchronized output, bracketed paste) are ignored.
export class TerminalModel {
  private normal: string[];
  private alternate: string[] | undefined;
  private saved = { row: 0, col: 0 };
  row = 0;
  col = 0;
  /** Rows scrolled off the top of the normal screen, oldest first. */
  readonly scrollback: string[] = [];

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.normal = Array.from({ length: rows }, () => '');
  }

  /** The rows on screen now (the alternate screen while it is on). */
  get screen(): string[] {
    return this.alternate ?? this.normal;
  }

  get onAlternate(): boolean {
    return this.alternate !== undefined;
  }

  /** The visible rows as text, trailing blank rows dropped (`normal`: the normal screen's, even while the alternate is on). */
  text(which: 'visible' | 'normal' = 'visible'): string {
    const rows = (which === 'normal' ? this.normal : this.screen).map((r) => r.trimEnd());
    while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
    return rows.join('\n');
  }

  write(data: string): void {
    const token = /\u001b\[([?]?)([\d;]*)([A-Za-z])|\u001b[78]|\n|\r|[^\u001b\n\r]/gu;
    for (const match of data.matchAll(token)) {
      const [whole, private_, params, final] = match;
      if (whole === '\n') this.lineFeed();
      else if (whole === '\r') this.col = 0;
      else if (whole === '\u001b7') this.saved = { row: this.row, col: this.col };
      else if (whole === '\u001b8') ({ row: this.row, col: this.col } = this.saved);
      else if (final !== undefined) this.escape(private_, params, final);
      else this.put(whole);
    }
  }

  private put(char: string): void {
    if (this.col >= this.columns) {
      this.lineFeed();
      this.col = 0;
    }
    const line = this.screen[this.row].padEnd(this.col, ' ');
    this.screen[this.row] = line.slice(0, this.col) + char + line.slice(this.col + 1);
    this.col += 1;
  }

  private lineFeed(): void {
    this.col = 0;
    if (this.row < this.rows - 1) {
      this.row += 1;
      return;
    }
    const top = this.screen.shift() ?? '';
    // The alternate screen keeps no scrollback.
    if (!this.alternate) this.scrollback.push(top);
    this.screen.push('');
  }

  private escape(private_: string, params: string, final: string): void {
    const n = Number(params.split(';')[0] || '1');
    if (private_ === '?') {
      if (params === '1049' && final === 'h' && !this.alternate) {
        this.saved = { row: this.row, col: this.col };
        this.alternate = Array.from({ length: this.rows }, () => '');
      } else if (params === '1049' && final === 'l' && this.alternate) {
        this.alternate = undefined;
        ({ row: this.row, col: this.col } = this.saved);
      }
      return;
    }
    switch (final) {
      case 'A':
        this.row = Math.max(0, this.row - n);
        break;
      case 'B':
        this.row = Math.min(this.rows - 1, this.row + n);
        break;
      case 'E':
        this.row = Math.min(this.rows - 1, this.row + n);
        this.col = 0;
        break;
      case 'G':
        this.col = n - 1;
        break;
      case 'H': {
        const [r, c] = params.split(';').map((p) => Number(p || '1'));
        this.row = (r ?? 1) - 1;
        this.col = (c ?? 1) - 1;
        break;
      }
      case 'K':
        // 2K: the whole line; K / 0K: from the cursor on.
        this.screen[this.row] = params === '2' ? '' : this.screen[this.row].slice(0, this.col);
        break;
      case 'J':
        if (params === '3') this.scrollback.length = 0;
        else if (params === '2') this.screen.fill('');
        break;
      default:
        // Colours (m) and anything else that does not move text.
        break;
    }
  }
}
