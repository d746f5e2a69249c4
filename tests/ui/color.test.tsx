import { afterEach, describe, expect, it } from 'vitest';
import chalk from 'chalk';
import { cleanup, render } from 'ink-testing-library';
import { Header } from '../../src/ui/components/Header.js';
import { Lines } from '../../src/ui/components/Lines.js';
import { colorsEnabled } from '../../src/ui/theme.js';

const level = chalk.level;
const env = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
afterEach(() => {
  cleanup();
  chalk.level = level;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const COLOUR = /\u001b\[(?:3[0-7]|9[0-7]|38;[25];[\d;]+)m/;

function draw() {
  return render(
    <>
      <Header world="The Glass Orchard" opening="Homecoming" turn={3} provider="offline narrator" width={80} />
      <Lines
        lines={[
          [
            { text: 'Wren', kind: 'name', color: '#c8a165' },
            { text: ' says ', kind: 'plain' },
            { text: '"hi"', kind: 'dialogue' },
          ],
        ]}
      />
    </>,
  ).lastFrame()!;
}

describe('colour policy', () => {
  it('draws colours by default and none under NO_COLOR, keeping bold', () => {
    chalk.level = 3;
    delete process.env.NO_COLOR;
    delete process.env.FORCE_COLOR;
    expect(draw()).toMatch(COLOUR);
    cleanup();
    process.env.NO_COLOR = '1';
    const plain = draw();
    expect(plain).not.toMatch(COLOUR);
    expect(plain).toContain('\u001b[1m'); // bold stays: NO_COLOR is about colour only
    expect(plain).toContain('The Glass Orchard');
  });

  it('lets a non-zero FORCE_COLOR override NO_COLOR', () => {
    expect(colorsEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorsEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(true);
    expect(colorsEnabled({ NO_COLOR: '1', FORCE_COLOR: '0' })).toBe(false);
    expect(colorsEnabled({})).toBe(true);
  });
});
