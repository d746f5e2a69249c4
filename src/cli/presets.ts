import type { Command } from 'commander';

/** `skald presets`: sampler presets (named sets of sampler values), not the endpoint presets of `profiles add --preset`. */
export function registerPresets(program: Command): void {
  const presets = program
    .command('presets')
    .description("sampler presets: named sets of temperature, min_p, penalties ... (import SillyTavern's)")
    .addHelpText(
      'after',
      `
A sampler preset is a set of sampler values: use one for a run with \`--preset NAME\`, or under a
profile's own values with \`skald profiles set PROFILE preset NAME\`. These are not the endpoint
presets of \`skald profiles add NAME --preset ollama\`, which say where a model is served (and
which samplers that server takes).

Examples:
  $ skald presets import "Universal-Light.json"
  $ skald presets list
  $ skald play glass-orchard --preset Universal-Light`,
    );
  presets
    .command('import <file>')
    .description('read a SillyTavern sampler preset (text-completion or chat-completion); it is named after its file')
    .option('--name <name>', 'store it under another name')
    .addHelpText('after', '\nExamples:\n  $ skald presets import "Big O.json"\n  $ skald presets import Default.json --name st-chat')
    .action(async (file: string, options: { name?: string }) => (await import('./presets-run.js')).importPreset(file, options));
  presets
    .command('list')
    .description('the stored sampler presets')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald presets list --json')
    .action(async (options: { json?: boolean }) => (await import('./presets-run.js')).list(options));
  presets
    .command('show <name>')
    .description('one preset: its samplers, and what its import left out')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald presets show "Big O"')
    .action(async (name: string, options: { json?: boolean }) => (await import('./presets-run.js')).show(name, options));
  presets
    .command('rm <name>')
    .alias('remove')
    .description('remove a stored preset')
    .addHelpText('after', '\nExamples:\n  $ skald presets rm "Big O"')
    .action(async (name: string) => (await import('./presets-run.js')).remove(name));
}
