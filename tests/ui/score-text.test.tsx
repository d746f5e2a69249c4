// The carousel's score beside a flag: a reply a critic flagged never reads as a perfect 1.00.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { Box } from 'ink';
import { Carousel } from '../../src/ui/components/Carousel.js';
import { scoreText } from '../../src/ui/text/score.js';

afterEach(() => cleanup());

describe('the score shown for a candidate', () => {
  it('rounds down, so a flagged reply just under 1 reads 0.99, not 1.00', () => {
    const { lastFrame } = render(<Carousel index={0} count={3} score={0.998} flags={['formatting']} label="planned" />);
    expect(lastFrame()).toContain('score 0.99 · flagged: formatting · planned');
  });

  it('puts the flags before the variant label, which a narrow terminal cuts first', () => {
    const { lastFrame } = render(
      <Box width={44}>
        <Carousel index={3} count={4} score={0.93} flags={['repetition', 'length']} label="planned · continued" />
      </Box>,
    );
    expect(lastFrame()).toContain('flagged: repetition');
  });

  it('keeps exact two-place scores as they are (no float error takes 0.29 to 0.28)', () => {
    expect([1, 0.29, 0.57, 0.5, 0, 0.98].map(scoreText)).toEqual(['1.00', '0.29', '0.57', '0.50', '0.00', '0.98']);
  });
});
