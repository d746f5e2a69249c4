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

  it('redacts a key right after an escaped character in JSON text as it does in the plain text', () => {
    const keys = ['sk-abcdefgh12345', 'Bearer tok_abcdefgh', 'api_key=zyxwvu987', 'https://me:hunter22@example.com/'];
    const before = ['\n', '\t', '\r', '\b', '\f', '\u0001', '\u001b', '"', '\\', ' '];
    for (const key of keys) {
      for (const edge of before) {
        const text = `see${edge}${key} and more`;
        const json = JSON.stringify({ reply: text });
        const redacted = redactSecrets(json);
        expect(redacted, JSON.stringify(text)).not.toMatch(/abcdefgh12345|tok_abcdefgh|zyxwvu987|hunter22/);
        expect((JSON.parse(redacted) as { reply: string }).reply).toBe(redactSecrets(text));
      }
    }
  });

  it('still leaves a word that merely ends in a key prefix alone', () => {
    for (const text of ['the task-abcdefgh12345 list', 'risk-management-plan-2026', 'mask-abcdefghij'])
      expect(redactSecrets(text)).toBe(text);
  });
});
