/**
 * The bundle's entry (dist/launch.js, imported by bin/skald.js). `skald --version` alone is
 * answered here, with the version the build inlined, before the CLI's modules are read: parsing
 * and linking them (commander and every command's declarations) was a third of node's own start.
 * Every other command line, `-V`/`--version` with other arguments included, goes to commander.
 */
declare const __SKALD_VERSION__: string;

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V') && typeof __SKALD_VERSION__ === 'string')
  process.stdout.write(`${__SKALD_VERSION__}\n`);
else await import('./main.js');
