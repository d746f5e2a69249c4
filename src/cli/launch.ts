/**
 * The bundle's entry (dist/launch.js, imported by bin/skald.js). `skald --version` alone is
 * answered here, with the version the build inlined, before the CLI's modules are read: parsing
 * and linking them (commander and every command's declarations) was a third of node's own start.
 * `skald sessions show <id> [--json]` of a story the lean reader vouches for is printed from here
 * too, with only the reader and show's printing loaded (sessions-show-launch.ts). Every other
 * command line, `-V`/`--version` with other arguments included, goes to commander; one
 * that starts the TUI has its keys held in raw mode first, so they are not echoed while the CLI
 * loads (`launch-keys.ts`).
 */
declare const __SKALD_VERSION__: string;

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V') && typeof __SKALD_VERSION__ === 'string')
  process.stdout.write(`${__SKALD_VERSION__}\n`);
else if (!(await quickShow(args))) {
  // Read only here (~8 KB), so that the version above stays answered before anything else is.
  (await import('./launch-keys.js')).holdLaunchKeys(args);
  await import('./main.js');
}

/**
 * `sessions show`, answered without the CLI when it can be: true once printed. The build makes
 * sessions-show-launch.ts a bundle of its own, dist/show.js (scripts/build.mjs), named here by a
 * variable so that this build leaves it alone.
 */
async function quickShow(args: readonly string[]): Promise<boolean> {
  if (args[0] !== 'sessions' || args[1] !== 'show') return false;
  const show = './show.js';
  return ((await import(show)) as typeof import('./sessions-show-launch.js')).showQuickly(args);
}
