// Tests that spawn `bin/skald.js` need a current dist/: build it once per run, so no such test
// can skip, or pass against a stale bundle, when vitest is started directly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const root = fileURLToPath(new URL('../', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  // Every temp folder a test makes (homes, packs, session files) goes under one folder for the
  // run, removed at its end: a run used to leave thousands of skald-* folders in /tmp. The
  // workers and the CLIs they spawn inherit TMPDIR, so os.tmpdir() points here for all of them.
  const runDir = mkdtempSync(join(tmpdir(), 'skald-tests-'));
  process.env.TMPDIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}
