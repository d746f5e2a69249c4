import { Option, type Command } from 'commander';
import { addModelOptions, positiveInt, type EvalOptions, type ArenaOptions } from './options.js';

export function registerEval(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('play worlds against simulated players and report how quality holds up over time')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald eval glass-orchard --offline --turns 20 --players slow,fast,terse --json out.json\n  $ skald eval compare planner.json no-planner.json\n  $ skald eval arena glass-orchard --profile local --a planner --b no-planner --judge judge',
    );
  const run = evalCmd
    .command('run [worlds...]', { isDefault: true })
    .description('self-play evaluation (the default: `skald eval <world>...`)')
    .addOption(new Option('--turns <n>', 'turns per episode').argParser(positiveInt('--turns')).default(30))
    .option('--players <styles>', 'comma-separated: slow,fast,terse,erratic,prober,adversarial', 'slow,fast')
    .addOption(new Option('--concurrency <k>', 'episodes at once').argParser(positiveInt('--concurrency')).default(1))
    .option('--json <file>', 'write the full results as JSON (saved after every turn)')
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--resume <file>', 'continue an interrupted run from its JSON file')
    .option(
      '--judge <profile>',
      'grade every reply with this profile as the LLM judge (default: the judgeProfile setting, unless --offline)',
    );
  addModelOptions(run)
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald eval glass-orchard --turns 40 --players slow,fast --json out.json --report out.html\n  $ skald eval glass-orchard --offline --seed 3 --no-planner --json ablation.json\n  $ skald eval --resume out.json',
    )
    .action(async (worlds: string[], options: EvalOptions) => (await import('./eval-run.js')).evaluate(worlds, options));
  evalCmd
    .command('compare <a> <b>')
    .description('two eval JSON files side by side, differences marked')
    .addHelpText('after', '\nExamples:\n  $ skald eval compare planner.json no-planner.json')
    .action(async (a: string, b: string) => (await import('./eval-run.js')).compare(a, b));
  const arena = evalCmd
    .command('arena <world>')
    .description('two settings head to head, judged turn by turn (needs a judge profile)')
    .requiredOption('--a <setting>', 'first setting: a profile name, or `planner`/`no-planner` on the chosen provider')
    .requiredOption('--b <setting>', 'second setting')
    .option('--judge <profile>', "the judge's profile (default: the judgeProfile setting)")
    .addOption(new Option('--turns <n>', 'rounds').argParser(positiveInt('--turns')).default(10))
    .option('--player <style>', 'the simulated player: slow, fast, terse, erratic, prober, adversarial', 'slow')
    .option('--json <file>', 'write the result as JSON');
  addModelOptions(arena)
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald eval arena glass-orchard --a local --b openrouter --judge judge --turns 20\n  $ skald eval arena glass-orchard --profile local --a planner --b no-planner --judge judge',
    )
    .action(async (world: string, options: ArenaOptions) => (await import('./eval-run.js')).arena(world, options));
}
