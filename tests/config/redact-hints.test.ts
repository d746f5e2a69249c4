import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/text/redact.js';

describe('redactSecrets on long texts', () => {
  it('finds case-insensitive key shapes in any case, deep in a long text', () => {
    const filler = 'The lamp gutters and the river keeps its own counsel. '.repeat(20_000);
    const text = `${filler}ApI_KeY=abcdef123 ${filler}bEaReR tok_abcdefgh ${filler}ACCESS-TOKEN=zyxwvu987`;
    const out = redactSecrets(text);
    expect(out).not.toMatch(/abcdef123|tok_abcdefgh|zyxwvu987/);
    expect(out.match(/\[redacted\]/g)).toHaveLength(3);
    expect(out).toContain('ApI_KeY=[redacted]');
  });

  it('leaves a long text without key shapes unchanged', () => {
    const text = 'Bearers of news, the apiary keeper and the access road. '.repeat(10_000);
    expect(redactSecrets(text)).toBe(text);
  });
});
