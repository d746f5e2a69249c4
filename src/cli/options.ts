import { InvalidArgumentError, Option, type Command } from 'commander';
import { registerSecret } from '../text/redact.js';
import { parseSamplerText, rangeText, type SamplerKey } from '../world/samplers.js';
import type { EndpointChoice } from '../providers/select.js';

/**
 * Decimal digits only: `Number()` would also take `0x10`, ` 3`, `1e2` and '' (as 0), none of which
 * a player means as a count or a seed.
 */
function digits(value: string): number {
  return /^[0-9]{1,16}$/.test(value) ? Number(value) : Number.NaN;
}

/** Checks a base URL option: parseable and http(s) (the credentials in it are split off later). */
export function httpURL(name: string) {
  return (value: string): string => {
    // Commander quotes a refused value: whatever looks like credentials in it is redacted.
    const userInfo = /([^\s/@]+)@/.exec(value);
    if (userInfo) registerSecret(userInfo[1]);
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InvalidArgumentError(`${name} takes an http:// or https:// URL, like http://localhost:11434/v1.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InvalidArgumentError(`${name} takes an http:// or https:// URL, not ${url.protocol}//.`);
    return value;
  };
}

/** Parses a positive whole number option, or says which option was wrong (exit 2). */
export function positiveInt(name: string) {
  return (value: string): number => {
    const n = digits(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} takes a whole number of 1 or more.`);
    return n;
  };
}

/** Parses a whole number (0 allowed), for seeds; past 2^53 a number no longer round-trips. */
export function wholeNumber(name: string) {
  return (value: string): number => {
    const n = digits(value);
    if (!Number.isSafeInteger(n) || n < 0)
      throw new InvalidArgumentError(`${name} takes a whole number from 0 to ${Number.MAX_SAFE_INTEGER}.`);
    return n;
  };
}

/**
 * Parses a whole number within the range `skald config set` allows for the same setting, so a
 * flag cannot ask for 99 requests a turn or a prompt budget too small to hold the system prompt.
 */
export function intInRange(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = digits(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} takes a whole number from ${min} to ${max}.`);
    return n;
  };
}

/** Parses a sampler flag with the same checks as `/set` and `profiles set`. */
function sampler(key: Exclude<SamplerKey, 'stop'>, flag: string) {
  return (value: string): number => {
    try {
      return parseSamplerText(key, value) as number;
    } catch {
      throw new InvalidArgumentError(`${flag} takes ${rangeText(key)}.`);
    }
  };
}

const SAMPLER_FLAGS: Array<[Exclude<SamplerKey, 'stop' | 'seed'>, string, string]> = [
  ['temperature', '--temperature <t>', '--temperature'],
  ['top_p', '--top-p <p>', '--top-p'],
  ['top_k', '--top-k <k>', '--top-k'],
  ['min_p', '--min-p <p>', '--min-p'],
  ['presence_penalty', '--presence-penalty <x>', '--presence-penalty'],
  ['frequency_penalty', '--frequency-penalty <x>', '--frequency-penalty'],
  ['repetition_penalty', '--repetition-penalty <x>', '--repetition-penalty'],
  ['max_tokens', '--max-tokens <n>', '--max-tokens'],
];

/** The options that choose a model and shape a turn, shared by `play` and `eval`. */
/** Sampler flags of `play` and `eval` (parsed and checked by commander, see options.ts). */
export interface SamplerFlags {
  temperature?: number;
  topP?: number;
  topK?: number;
  minP?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  repetitionPenalty?: number;
  maxTokens?: number;
  /** A sampler preset for this run. */
  preset?: string;
}

/** The model flags every command that plays takes: the narrator's (EndpointChoice), the samplers and the turn's. */
export interface ModelOptions extends SamplerFlags, EndpointChoice {
  candidates?: number;
  budget?: number;
  planner?: boolean;
}

/**
 * Adds the model options. `play` takes its candidates and budget from the settings when no flag is
 * given, so its help says so; eval runs use fixed defaults to stay comparable.
 */
export function addModelOptions(command: Command, defaults: 'settings' | 'fixed' = 'fixed'): Command {
  const fromSettings = defaults === 'settings';
  command.addOption(
    new Option(
      '--preset <name>',
      'a sampler preset for this run (`skald presets list`); not the endpoint presets of `profiles add --preset`',
    ),
  );
  for (const [key, flags, flag] of SAMPLER_FLAGS)
    command.addOption(
      new Option(
        flags,
        `${key.replace(/_/g, ' ')} for this run: ${rangeText(key)}${key === 'max_tokens' ? " (replaces the planner's limit)" : ''}`,
      ).argParser(sampler(key, flag)),
    );
  return command
    .addOption(new Option('--profile <name>', 'endpoint profile to use (see `skald profiles list`)'))
    .addOption(new Option('--base-url <url>', 'OpenAI-compatible base URL for this run').argParser(httpURL('--base-url')))
    .addOption(new Option('--model <name>', 'model name for this run'))
    .addOption(new Option('--offline', 'play with the built-in offline narrator'))
    .addOption(
      new Option('--candidates <n>', `candidates per turn, 1-8 (default: ${fromSettings ? 'the candidates setting, 3' : '3'})`).argParser(
        intInRange('--candidates', 1, 8),
      ),
    )
    .addOption(
      new Option('--seed <n>', "random seed: the story's rolls, the offline narrator, and the sampler seed sent to a model").argParser(
        wholeNumber('--seed'),
      ),
    )
    .addOption(
      new Option(
        '--budget <tokens>',
        `context budget in tokens (default: ${fromSettings ? 'the contextBudget setting, 8192' : '8192'})`,
      ).argParser(intInRange('--budget', 1024, 1_000_000)),
    )
    .addOption(new Option('--no-planner', 'turn the narrative planner off (for comparisons)'))
    .addOption(
      new Option('--api <mode>', 'chat (chat completions) or completions (text completion through an instruct template)').choices([
        'chat',
        'completions',
      ]),
    )
    .addOption(
      new Option(
        '--template <name>',
        'the instruct template of text completion, e.g. chatml (see `skald templates list`); implies --api completions',
      ),
    )
    .addOption(
      new Option(
        '--reasoning <id>',
        "the reasoning template whose tags mark the model's reasoning, for this run (see `skald templates list`; a profile keeps one with `skald profiles set NAME reasoning ID`)",
      ),
    );
}

/** `skald play`'s options. */
export interface PlayOptions extends ModelOptions {
  opening?: string;
  persona?: string;
  headless?: boolean;
  resume?: string;
  /** With `resume`: play on in a copy of the session (when another process holds it). */
  copy?: boolean;
  debug?: boolean;
}

/** `skald eval`'s options. */
export interface EvalOptions extends ModelOptions {
  turns?: number;
  players?: string;
  concurrency?: number;
  json?: string;
  report?: string;
  resume?: string;
  judge?: string;
}

/** `skald eval arena`'s options. */
export interface ArenaOptions extends ModelOptions {
  a: string;
  b: string;
  judge?: string;
  turns?: number;
  player?: string;
  json?: string;
}
