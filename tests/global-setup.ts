// Tests that spawn `bin/skald.js` need a current dist/: build it once per run, so no such test
// can skip, or pass against a stale bundle, when vitest is started directly.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
