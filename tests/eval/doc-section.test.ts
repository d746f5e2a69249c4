import { describe, expect, it } from 'vitest';
import { replaceSection } from '../../src/eval/doc-section.js';

describe('replaceSection', () => {
  it('replaces only its own section and keeps the others', () => {
    const doc = '# Reading the player\n\nIntro.\n\n## Pacing and waiting\n\nPacing table.\n\n## Facts\n\nOld table.\n\n## Later\n\nKept.\n';
    const out = replaceSection(doc, '## Facts', 'New table.');
    expect(out).toContain('## Pacing and waiting\n\nPacing table.');
    expect(out).toContain('## Facts\n\nNew table.\n');
    expect(out).not.toContain('Old table.');
    expect(out).toContain('## Later\n\nKept.');
    expect(replaceSection(out, '## Facts', 'New table.')).toBe(out);
  });

  it('appends the section when it is absent, and starts an empty document with it', () => {
    expect(replaceSection('# Title\n\n## Pacing and waiting\n\nP.\n', '## Facts', 'F.')).toBe(
      '# Title\n\n## Pacing and waiting\n\nP.\n\n## Facts\n\nF.\n',
    );
    expect(replaceSection('', '## Facts', 'F.')).toBe('## Facts\n\nF.\n');
  });
});
