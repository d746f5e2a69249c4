import type { Command } from 'commander';
import { httpURL } from './options.js';

export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description('read and change settings')
    .addHelpText('after', '\nExamples:\n  $ skald config list\n  $ skald config set candidates 4');
  config
    .command('get <key>')
    .description('print one setting')
    .addHelpText('after', '\nExamples:\n  $ skald config get candidates')
    .action(async (key: string) => (await import('./config-run.js')).get(key));
  config
    .command('set <key> <value>')
    .description('change one setting')
    .addHelpText(
      'after',
      // Spelled out here so that --help does not load the settings module; a test keeps it in step.
      '\nExamples:\n  $ skald config set candidates 4\n  $ skald config set contextBudget 16384\n  $ skald config set activeProfile none\n\n' +
        'Settings: candidates, contextBudget, activeProfile, debugPane, judgeProfile; `skald config list`\n' +
        'says what each does. activeProfile and judgeProfile take the name of a saved profile\n' +
        '(activeProfile also `offline`), or `none` to unset them.',
    )
    .action(async (key: string, value: string) => (await import('./config-run.js')).set(key, value));
  config
    .command('list')
    .description('every setting and its value')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald config list --json')
    .action(async (options: { json?: boolean }) => (await import('./config-run.js')).list(options));
  config
    .command('path')
    .description('where skald keeps its data')
    .addHelpText('after', '\nExamples:\n  $ skald config path')
    .action(async () => (await import('./config-run.js')).path());

  const profiles = program
    .command('profiles')
    .description('endpoint profiles: which model skald talks to')
    .addHelpText('after', '\nExamples:\n  $ skald profiles add local --preset ollama --model llama3.1\n  $ skald profiles use local');
  profiles
    .command('list')
    .description('profiles and built-in presets; keys are never shown')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ skald profiles list')
    .action(async (options: { json?: boolean }) => (await import('./profiles-run.js')).list(options));
  profiles
    .command('add <name>')
    .description('add or replace a profile')
    .option(
      '--preset <preset>',
      'endpoint preset (where the model is served, and which samplers it takes): openai, minimax, deepseek, openrouter, ollama, lmstudio, llamacpp, vllm, koboldcpp; sampler presets are `skald presets`',
    )
    .option('--base-url <url>', 'OpenAI-compatible base URL', httpURL('--base-url'))
    .option('--model <model>', 'model name')
    .option('--api-key-env <VAR>', 'read the key from this environment variable')
    .option('--api-key-stdin', 'read the key from standard input and store it (0600)')
    .option('--header <name:value...>', 'extra HTTP headers')
    .option('--supports-n', 'the endpoint answers several choices in one request (`n`)')
    .option('--no-use', 'do not make it the active profile')
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald profiles add local --preset ollama --model llama3.1\n  $ skald profiles add mm --preset minimax --api-key-env MINIMAX_API_KEY\n  $ echo "$KEY" | skald profiles add or --preset openrouter --model mistralai/mistral-large --api-key-stdin',
    )
    .action(async (name: string, options: Record<string, unknown>) => (await import('./profiles-run.js')).add(name, options));
  profiles
    .command('set <name> <key> <value>')
    .description(
      "change one field of a profile: model (the name the server serves), api (chat or completions), template (an instruct template, or none), reasoning (a reasoning template whose tags mark the model's reasoning, or none for <think>), system-prompt or system-prompt-file (the profile's own over skald's narrator rules; {{original}} keeps them; empty clears it), a sampler (temperature 0.8, min_p 0.05, extra.mirostat 2 ...), or preset (its sampler preset)",
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ skald profiles set local api completions\n  $ skald profiles set local template chatml\n  $ skald profiles set local reasoning deepseek\n  $ skald profiles set local api chat\n  $ skald profiles set local system-prompt "{{original}} Write in short, plain sentences."\n  $ skald profiles set local system-prompt-file ~/prompts/noir.txt   (read at the start of each story)\n  $ skald profiles set local system-prompt ""\n' +
        '  $ skald profiles set local temperature 0.8\n  $ skald profiles set local extra.dry_multiplier 0.8\n  $ skald profiles set local top_k default      (remove it from the profile)\n  $ skald profiles set local preset "Universal-Light"\n\n' +
        'Samplers: temperature, top_p, top_k, min_p, presence_penalty, frequency_penalty, repetition_penalty,\n' +
        'seed, max_tokens, stop (a JSON list), extra.NAME (back-end specific, sent as is). `none` stops one being\n' +
        'sent; `default` removes it. `preset` takes a sampler preset (`skald presets list`), whose values the\n' +
        "profile's own override. A world's suggestions, a story's /set and a run's flags override the profile's.",
    )
    .action(async (name: string, key: string, value: string) => (await import('./profiles-run.js')).set(name, key, value));
  profiles
    .command('use <name>')
    .description('make a profile the active one (`offline` for the offline narrator)')
    .addHelpText('after', '\nExamples:\n  $ skald profiles use local')
    .action(async (name: string) => (await import('./profiles-run.js')).use(name));
  profiles
    .command('remove <name>')
    .description('remove a profile and its stored key')
    .addHelpText('after', '\nExamples:\n  $ skald profiles remove local')
    .action(async (name: string) => (await import('./profiles-run.js')).remove(name));
}
