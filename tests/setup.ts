// Fixes the environment every test sees: no colour surprises, no CI heuristics, and a data
// directory that never touches the real one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

process.env.FORCE_COLOR = '0';
delete process.env.CI;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
if (!process.env.SKALD_HOME || !process.env.SKALD_HOME.includes('skald-test-')) {
  process.env.SKALD_HOME = mkdtempSync(join(tmpdir(), 'skald-test-'));
}
// A tmux server of its own for each test file: files run side by side, and one that ended the last session of a
// shared server while another started a session there made the second fail ("server exited unexpectedly").
process.env.TMUX_TMPDIR = mkdtempSync(join(tmpdir(), 'tmux-'));
delete process.env.TMUX;

// The token counter reads its compact rank table as the CLI does (src/cli/tokenizer-data.ts).
(await import('../src/cli/tokenizer-data.js')).useCompactTokenizer();

// The critics' language detector (~150 ms to load) is not loaded here: sessions and the CLI await
// it before critiquing, and a test that calls the critics directly loads it itself (the critics'
// tests through tests/engine/critics/contexts.ts); one that forgets fails with the loader's name.

// A React "not wrapped in act" warning means a test asserted on a frame that was still moving.
let actWarnings: string[] = [];
const originalError = console.error;
beforeEach(() => {
  actWarnings = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (text.includes('not wrapped in act')) actWarnings.push(text);
    originalError(...args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (actWarnings.length > 0) throw new Error(`React act() warning: ${actWarnings[0]}`);
});
