import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftPath, keepDraft, takeDraft, takeSessionDraft } from '../../src/store/draft-file.js';

const sessionFile = () => join(mkdtempSync(join(tmpdir(), 'skald-draft-')), '20261207-1200-abcd.jsonl');

describe('the draft beside a session file', () => {
  it('keeps the words, owner-only, with no temporary file left, and hands them back once', () => {
    const file = sessionFile();
    keepDraft(file, 'I kneel by the wheel.\nAnd wait.');
    expect(statSync(draftPath(file)).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(file, '..'))).toEqual(['20261207-1200-abcd.jsonl.draft']);
    expect(takeDraft(file)).toBe('I kneel by the wheel.\nAnd wait.');
    // Taken: the composer holds it now.
    expect(takeDraft(file)).toBeUndefined();
  });

  it('replaces the words whole, and empty words remove them', () => {
    const file = sessionFile();
    keepDraft(file, 'first');
    keepDraft(file, 'second');
    expect(takeDraft(file)).toBe('second');
    keepDraft(file, 'third');
    keepDraft(file, undefined);
    expect(takeDraft(file)).toBeUndefined();
    keepDraft(file, 'fourth');
    keepDraft(file, '   ');
    expect(takeDraft(file)).toBeUndefined();
  });

  it('reads back no file larger than any typed message, and never throws where it cannot write', () => {
    const file = sessionFile();
    writeFileSync(draftPath(file), 'x'.repeat(300 * 1024));
    expect(takeDraft(file)).toBeUndefined();
    expect(() => keepDraft(join(file, 'no-such-folder', 'x.jsonl'), 'words')).not.toThrow();
    expect(takeSessionDraft('../escape')).toBeUndefined();
  });
});
