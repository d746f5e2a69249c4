import { Option, type Command } from 'commander';
import { addModelOptions, positiveInt, wholeNumber, type ModelOptions } from './options.js';

export interface EvalOptions extends ModelOptions {
  turns?: number;
  players?: string;
  concurrency?: number;
  json?: string;
  report?: string;
  resume?: string;
}

export function registerEval(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('play worlds against simulated players and report how quality holds up over time');
  const run = evalCmd
    .command('run <worlds...>', { isDefault: true })
    .description('self-play evaluation (the default: `skald eval <world>...`)')
    .addOption(new Option('--turns <n>', 'turns per episode').argParser(positiveInt('--turns')).default(30))
    .option('--players <styles>', 'comma-separated: slow,fast,terse,erratic,prober,adversarial', 'slow,fast')
    .addOption(new Option('--concurrency <k>', 'episodes at once').argParser(positiveInt('--concurrency')).default(1))
    .option('--json <file>', 'write the full results as JSON')
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--resume <file>', 'continue an interrupted run from its JSON file');
  addModelOptions(run)
    .addHelpText('after', '\nExamples:\n  $ skald eval glass-orchard --turns 40 --players slow,fast --json out.json --report out.html\n  $ skald eval glass-orchard --offline --seed 3 --no-planner --json ablation.json')
    .action(async (worlds: string[], options: EvalOptions) => (await import('./eval-run.js')).evaluate(worlds, options));
  evalCmd
    .command('compare <a> <b>')
    .description('two eval JSON files side by side, differences marked')
    .addHelpText('after', '\nExamples:\n  $ skald eval compare planner.json no-planner.json')
    .action(async (a: string, b: string) => (await import('./eval-run.js')).compare(a, b));
  const arena = evalCmd
    .command('arena <world>')
    .description('two settings head to head, judged turn by turn (needs a judge profile)')
    .requiredOption('--a <profile>', 'first setting: a profile name, or `planner`/`no-planner`')
    .requiredOption('--b <profile>', 'second setting')
    .requiredOption('--judge <profile>', 'the judge\'s profile')
    .addOption(new Option('--turns <n>', 'rounds').argParser(positiveInt('--turns')).default(10))
    .addOption(new Option('--seed <n>', 'seed').argParser(wholeNumber('--seed')))
    .option('--json <file>', 'write the result as JSON');
  arena
    .addHelpText('after', '\nExamples:\n  $ skald eval arena glass-orchard --a local --b openrouter --judge judge --turns 20')
    .action(async (world: string, options: Record<string, unknown>) => (await import('./eval-run.js')).arena(world, options));
}
