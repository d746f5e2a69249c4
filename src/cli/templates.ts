import type { Command } from 'commander';

export function registerTemplates(program: Command): void {
  const templates = program
    .command('templates')
    .description('instruct templates for text completion (--api completions)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald templates list\n  $ skald templates import "Llama 3 Instruct.json"\n  $ skald play glass-orchard --api completions --template chatml',
    );
  templates
    .command('list')
    .description('the bundled and imported templates')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald templates list --json')
    .action(async (options: { json?: boolean }) => (await import('./templates-run.js')).list(options));
  templates
    .command('show <name>')
    .description("a template's fields, its stop strings and an example prompt")
    .addHelpText('after', '\nExamples:\n  $ skald templates show chatml')
    .action(async (name: string) => (await import('./templates-run.js')).show(name));
  templates
    .command('import <file>')
    .description('add a SillyTavern instruct, context or reasoning template (JSON), or a master export, under its name')
    .option('--name <name>', 'save it under this name instead (a context template goes with the instruct template of its name)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald templates import ChatML.json\n  $ skald templates import context/Default.json --name chatml\n  $ skald templates import reasoning/DeepSeek.json',
    )
    .action(async (file: string, options: { name?: string }) => (await import('./templates-run.js')).importFile(file, options));
}
