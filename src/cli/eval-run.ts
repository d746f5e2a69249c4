/**
 * `skald eval`, `skald eval compare` and `skald eval arena`: the CLI side of src/eval. It
 * resolves providers and worlds, wires progress to stderr, prints the tables and writes files;
 * the evaluation itself lives in src/eval.
 */
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataPaths } from '../paths.js';
import { getSetting } from '../config/settings.js';
import { hashSeed } from '../engine/random.js';
import type { Provider } from '../engine/types.js';
import { runArena, type ArenaResult, type ArenaSide } from '../eval/arena.js';
import { renderComparison } from '../eval/compare.js';
import { EvalFileError, readResult, writeResult } from '../eval/files.js';
import { progressReporter } from '../eval/format/progress.js';
import { percent, renderTable } from '../eval/format/table.js';
import { createPlayer, parseStyles } from '../eval/players/index.js';
import { renderHtml } from '../eval/report/html.js';
import { isComplete, newResult, runEval } from '../eval/run.js';
import type { EvalConfig, EvalResult } from '../eval/types.js';
import { resolveProvider } from '../providers/select.js';
import { splitBaseURL } from '../config/url.js';
import { neutralize } from '../text/sanitize.js';
import { display, safeJson } from './output.js';
import { fileErrorReason, InputError, UsageError } from '../errors.js';
import type { ArenaOptions, EvalOptions } from './options.js';
import type { ModelOptions } from './options.js';
import { resolveWorldOrExit } from './world-resolve.js';
import { runSamplers } from './samplers-setup.js';

// Ids, world paths, provider labels and server errors come from files and servers: sanitised.
const out = (line = '') => process.stdout.write(`${display(line)}\n`);
const note = (line: string) => process.stderr.write(`${display(line)}\n`);

/** `skald eval <world>...`: runs (or with --resume, continues) a self-play evaluation. */
export async function evaluate(worlds: string[], options: EvalOptions): Promise<void> {
  let result: EvalResult;
  let file: string;
  if (options.resume) {
    result = await readOrExit(options.resume);
    file = options.json ?? options.resume;
    if (worlds.length > 0 && worlds.map(worldArg).join(',') !== result.config.worlds.join(',')) {
      throw new UsageError(
        `The --resume option continues the worlds saved in the file (${result.config.worlds.join(', ')}); leave the world names out.`,
      );
    }
  } else {
    if (worlds.length === 0)
      throw new UsageError('Say which worlds to evaluate, e.g. `skald eval glass-orchard`; `skald worlds list` shows them.');
    const { styles, unknown } = parseStyles(options.players ?? 'slow,fast');
    if (unknown.length > 0)
      throw new UsageError(`Unknown player style "${unknown[0]}"; use slow, fast, terse, erratic, prober or adversarial.`);
    if (styles.length === 0) throw new UsageError('The --players option needs at least one style, e.g. --players slow,fast.');
    const config: EvalConfig = {
      worlds: worlds.map(worldArg),
      players: styles,
      turns: options.turns ?? 30,
      seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
      concurrency: options.concurrency ?? 1,
      candidates: options.candidates ?? 3,
      budget: options.budget ?? 8192,
      planner: options.planner !== false,
      ...modelOptions(options),
    };
    const judge = options.judge ?? (options.offline ? undefined : getSetting('judgeProfile'));
    if (judge) config.judge = judge;
    const samplers = runSamplers(options);
    if (samplers.base || samplers.run) config.samplers = samplers;
    result = newResult(config);
    file =
      options.json ??
      join(
        dataPaths().eval,
        `eval-${new Date(result.startedAt).toISOString().replace(/[:.]/g, '-')}-${hashSeed(config.seed, process.pid).toString(16).slice(0, 4)}.json`,
      );
  }
  const { config } = result;
  // Every world must load before the first turn is played.
  const packs = new Map(await Promise.all(config.worlds.map(async (w) => [w, (await resolveWorldOrExit(w)).pack] as const)));
  const provider = await resolveProvider({
    ...config,
    ...(options.baseUrl && !options.resume ? { baseUrl: options.baseUrl } : {}),
    seed: config.seed,
  });
  config.provider = provider.label;
  const judge = config.judge ? await judgeProvider(config.judge) : undefined;

  const progress = progressReporter(process.stderr, result.episodes, Date.now());
  const controller = new AbortController();
  let stoppedAt = 0;
  const onSignal = () => {
    // The first Ctrl-C lets the turns in progress finish and be saved; another one, a moment
    // later, quits at once. (Wrappers such as npm relay the signal, so one press can arrive twice.)
    if (controller.signal.aborted) {
      if (Date.now() - stoppedAt > 1000) process.exit(130);
      return;
    }
    stoppedAt = Date.now();
    progress.end();
    note('Stopping after the turns in progress (Ctrl-C again to quit now)...');
    controller.abort();
  };
  const save = async (r: EvalResult) => {
    try {
      await writeResult(file, r);
    } catch (error) {
      controller.abort();
      throw new InputError(
        `Cannot write the results to ${file} (${error instanceof Error ? error.message : String(error)}); choose another --json path.`,
      );
    }
  };
  // Listening before the first write: a Ctrl-C as soon as the file exists (a script waiting for
  // it) is answered with the saved-progress sentence, not the default kill.
  process.on('SIGINT', onSignal);
  try {
    // Written once before the first turn, so a path that cannot be written fails at once.
    await save(result);
    if (options.resume) note(`Resuming ${result.episodes.filter((e) => e.status !== 'done').length} unfinished episode(s) from ${file}.`);
    await runEval(result, {
      loadWorld: async (w) => packs.get(w) ?? (await resolveWorldOrExit(w)).pack,
      provider,
      ...(judge ? { judge } : {}),
      save,
      onProgress: (p) => progress.report(p),
      signal: controller.signal,
    });
  } finally {
    progress.end();
    process.off('SIGINT', onSignal);
  }
  if (controller.signal.aborted) {
    note(`Interrupted; progress is saved in ${file}. Continue with \`skald eval --resume ${file}\`.`);
    process.exitCode = 130;
    return;
  }
  // Files first: a closed stdout (`| head`) must not cost the report.
  if (options.report) {
    try {
      await writeFile(options.report, renderHtml(result), 'utf8');
    } catch (error) {
      // The run itself is safe in its JSON file; only the HTML copy is missing.
      throw new InputError(`Cannot write the report to ${options.report} (${fileErrorReason(error)}); the results are saved in ${file}.`);
    }
    note(`Report written to ${options.report}.`);
  }
  for (const line of renderTable(result)) out(line);
  note(`Results in ${file}.`);
  if (!isComplete(result)) process.exitCode = 1;
  if (result.summary.failedEpisodes > 0) {
    note(`${result.summary.failedEpisodes} episode(s) failed; \`skald eval --resume ${file}\` tries them again.`);
    process.exitCode = 1;
  }
}

/** `skald eval compare A.json B.json`. */
export async function compare(a: string, b: string): Promise<void> {
  const [ra, rb] = await Promise.all([readOrExit(a), readOrExit(b)]);
  for (const line of renderComparison(ra, rb, [a, b])) out(line);
}

/** `skald eval arena <world> --a X --b Y --judge J`. */
export async function arena(world: string, options: ArenaOptions): Promise<void> {
  const judgeName = options.judge ?? getSetting('judgeProfile');
  if (!judgeName)
    throw new UsageError(
      'The arena needs a judge: add --judge PROFILE (see `skald profiles list`) or set one with `skald config set judgeProfile PROFILE`.',
    );
  const { styles, unknown } = parseStyles(options.player ?? 'slow');
  if (unknown.length > 0 || styles.length !== 1)
    throw new UsageError(`The --player option takes one style: slow, fast, terse, erratic, prober or adversarial.`);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const pack = (await resolveWorldOrExit(world)).pack;
  const judge = await judgeProvider(judgeName);
  const side = async (name: string): Promise<ArenaSide> => {
    if (name === 'planner' || name === 'no-planner') {
      const chosen = { ...modelOptions(options), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) };
      return {
        name,
        provider: await resolveProvider({ ...chosen, seed }),
        planner: name === 'planner',
        samplers: runSamplers({ ...options, ...chosen }),
      };
    }
    return {
      name,
      provider: await resolveProvider({ profile: name, seed }),
      planner: options.planner !== false,
      samplers: runSamplers({ ...options, profile: name, baseUrl: undefined, model: undefined }),
    };
  };
  const [a, b] = [await side(options.a), await side(options.b)];
  const config = {
    world,
    a: options.a,
    b: options.b,
    judge: judgeName,
    rounds: options.turns ?? 10,
    seed,
    player: styles[0],
    candidates: options.candidates ?? 3,
    budget: options.budget ?? 8192,
  };
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let result: ArenaResult;
  try {
    result = await runArena(config, {
      pack,
      a,
      b,
      judge,
      player: createPlayer(config.player, hashSeed(seed, 'arena-player'), a.provider),
      clock: { now: () => Date.now() },
      signal: controller.signal,
      onRound: (r) =>
        note(
          `round ${r.round}: ${r.winner === null ? `no verdict (${r.error ?? ''})` : r.winner === 'tie' ? 'tie' : `${r.winner.toUpperCase()} wins`}${r.reason ? ` — ${r.reason}` : ''}`,
        ),
    });
  } finally {
    process.off('SIGINT', onSignal);
  }
  if (options.json) await writeFile(options.json, `${safeJson(result, 1)}\n`, 'utf8');
  out(
    neutralize(
      `A: ${a.name} (${a.provider.label}${a.planner ? '' : ', no planner'})   B: ${b.name} (${b.provider.label}${b.planner ? '' : ', no planner'})   judge: ${judgeName}`,
    ),
  );
  out(
    `A won ${result.wins.a}, B won ${result.wins.b}, ${result.wins.tie} tie${result.wins.tie === 1 ? '' : 's'}, ${result.rounds.length - result.decided} without a verdict.`,
  );
  out(
    result.winRate === null || !result.ci
      ? 'No verdicts, so no win rate.'
      : `A's win rate ${percent(result.winRate)} (95% CI ${percent(result.ci[0])}-${percent(result.ci[1])}, ties count half).`,
  );
  if (result.error) {
    note(result.error);
    process.exitCode = 1;
  }
}

/** A pack given by path is kept absolute, so `--resume` works from any folder. */
function worldArg(world: string): string {
  return existsSync(world) && /[\\/]|^\./.test(world) ? resolve(world) : world;
}

async function judgeProvider(name: string): Promise<Provider> {
  const provider = await resolveProvider({ profile: name });
  if (provider.offline)
    throw new UsageError('The judge must be a model profile; the offline narrator cannot judge. Add one with `skald profiles add`.');
  return provider;
}

function modelOptions(options: ModelOptions): Pick<EvalConfig, 'offline' | 'profile' | 'baseUrl' | 'model' | 'api' | 'template'> {
  return {
    ...(options.offline ? { offline: true } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    // The run's file keeps the URL without credentials (they went to a header for this run).
    ...(options.baseUrl ? { baseUrl: splitBaseURL(options.baseUrl, 'The --base-url value').baseURL } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.api ? { api: options.api } : {}),
    ...(options.template ? { template: options.template } : {}),
  };
}

async function readOrExit(path: string): Promise<EvalResult> {
  try {
    return await readResult(path);
  } catch (error) {
    if (error instanceof EvalFileError) throw new InputError(error.message);
    throw error;
  }
}
