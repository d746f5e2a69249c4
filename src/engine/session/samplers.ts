/**
 * A story's samplers: the layers the run was given (a profile's preset and the profile below, the
 * run's preset and flags above), the world's suggestion, and the story's own `/set` changes, kept
 * as `samplers` records so that a resumed story is sent what it was sent before.
 */
import type { CandidateRequest, Provider, StopSource } from '../types.js';
import type { SamplerLayer } from '../../world/samplers.js';
import { layerProblem } from '../../world/samplers.js';
import {
  applyEdit,
  mergeLayers,
  parseEdit,
  samplerSentence,
  showValue,
  type EffectiveSamplers,
  type NamedLayer,
  type SamplerEdit,
} from '../samplers/layers.js';
import { candidateSettings, fitSamplers, listNames, type SamplerEndpoint } from '../samplers/fit.js';
import { SessionError, errorMessage } from './errors.js';
import type { SamplerRecord, SessionRecord } from './records.js';

/** The layers a front end gives a session: below the world (`base`) and above the story (`run`). */
export interface RunSamplers {
  base?: NamedLayer[];
  run?: NamedLayer[];
}

/** One row of `/set`'s listing. */
export interface SamplerRow {
  /** `temperature`, `extra.dry_multiplier` */
  key: string;
  value: unknown;
  /** The layer it comes from. */
  source: string;
  /** False when the endpoint does not take it, so it is left out of requests. */
  sent: boolean;
}

/** What `/set` alone shows: the effective samplers, where each comes from, and what the endpoint leaves out. */
export interface SamplerReport {
  endpoint: string;
  /** The offline narrator takes no samplers. */
  offline: boolean;
  rows: SamplerRow[];
  dropped: string[];
}

/** The endpoint as the samplers see it: what its preset declares, or unknown (everything sent). */
export function samplerEndpoint(provider: Provider): SamplerEndpoint {
  return provider.samplers ?? { name: provider.label };
}

export class StorySamplers {
  private story: SamplerLayer = {};

  constructor(
    private readonly given: RunSamplers,
    private readonly world: NamedLayer | undefined,
  ) {}

  /** Replays the story's `/set` records; one a newer or damaged file holds that does not check out is skipped. */
  replay(records: readonly SessionRecord[]): void {
    for (const record of records) if (record.type === 'samplers') this.apply(record);
  }

  /** Applies one record, if its value checks out. */
  apply(record: SamplerRecord): void {
    const edit: SamplerEdit = { key: record.key, ...(record.value !== undefined ? { value: record.value } : {}) };
    const next = applyEdit(this.story, edit);
    if (!layerProblem(next)) this.story = next;
  }

  /** Reads `/set KEY VALUE` into the record to append; throws a SessionError with a one-line reason. */
  recordFor(name: string, text: string, at: number): SamplerRecord {
    let edit: SamplerEdit;
    try {
      edit = parseEdit(name, text);
    } catch (error) {
      throw new SessionError(errorMessage(error));
    }
    const problem = layerProblem(applyEdit(this.story, edit));
    if (problem) throw new SessionError(samplerSentence(problem));
    return { type: 'samplers', at, key: edit.key, ...(edit.value !== undefined ? { value: edit.value } : {}) };
  }

  /** Every layer, lowest first. */
  layers(): NamedLayer[] {
    return [
      ...(this.given.base ?? []),
      ...(this.world ? [this.world] : []),
      { source: 'story', layer: this.story },
      ...(this.given.run ?? []),
    ];
  }

  effective(): EffectiveSamplers {
    return mergeLayers(this.layers());
  }

  /** The listing for `/set`, against the endpoint the story narrates with now. */
  report(provider: Provider): SamplerReport {
    const { settings, sources } = this.effective();
    const endpoint = samplerEndpoint(provider);
    const dropped = provider.offline ? Object.keys(sources) : fitSamplers(settings, endpoint).dropped;
    const rows: SamplerRow[] = Object.entries(sources).map(([key, source]) => ({
      key,
      source,
      value: key.startsWith('extra.') ? settings.extra?.[key.slice(6)] : (settings as Record<string, unknown>)[key],
      // max_tokens and stop are always sent, whatever the endpoint's preset says.
      sent: !dropped.includes(key),
    }));
    return { endpoint: provider.offline ? 'the offline narrator' : endpoint.name, offline: provider.offline, rows, dropped };
  }

  /**
   * Candidate `index`'s request with the samplers it is sent with (a model only: the offline
   * narrator takes none). A set max_tokens replaces the planner's limit.
   */
  request(base: CandidateRequest, index: number, provider: Provider): CandidateRequest {
    if (provider.offline) return base;
    const settings = candidateSettings(this.effective().settings, index);
    return { ...base, maxTokens: settings.max_tokens ?? base.maxTokens, samplers: fitSamplers(settings, samplerEndpoint(provider)).body };
  }

  /**
   * The stop strings a request carries, each with where it came from: the provider's template's
   * (text completion), then the player's (OpenAI keeps only four), then skald's (`own`). `user`
   * is the player's name, which a template's sequences may hold; `draw` the request's seed and turn.
   */
  stop(
    own: readonly string[],
    provider: Provider,
    user?: string,
    draw?: { seed: number; turn: number },
  ): { stop: string[]; stopFrom: StopSource[] } {
    const mine = provider.offline ? [] : (this.effective().settings.stop ?? []);
    const asked = [...new Set([...mine, ...own])];
    const { sent, template } = provider.sentStop?.(asked, user, draw) ?? { sent: asked, template: [] };
    const from = (s: string): StopSource => (template.includes(s) ? 'template' : mine.includes(s) ? 'samplers' : 'skald');
    return { stop: sent, stopFrom: sent.map(from) };
  }
}

/** The one notice for samplers the endpoint does not take, or undefined when it takes them all. */
export function droppedNotice(report: SamplerReport): string | undefined {
  if (report.offline || report.dropped.length === 0) return undefined;
  const names = listNames(report.dropped);
  const sources = [...new Set(report.rows.filter((r) => !r.sent).map((r) => r.source))];
  return `${report.endpoint} does not take ${names}, so ${report.dropped.length === 1 ? 'it is' : 'they are'} not sent (set by ${listNames(sources)}); \`/set\` lists every sampler and where it comes from.`;
}

/** One sentence for a `/set` change: what is in force now, from where, and whether it is sent. */
export function describeChange(record: SamplerRecord, report: SamplerReport): string {
  const row = report.rows.find((r) => r.key === record.key);
  const what =
    record.value === undefined
      ? `${record.key} cleared for this story`
      : record.value === null
        ? `${record.key} not sent in this story`
        : `${record.key} ${showValue(record.value)} for this story`;
  if (record.key === 'extra') return `${what}.`;
  const now =
    record.value === undefined
      ? row
        ? `; ${showValue(row.value)} from ${row.source} applies`
        : "; the back end's default applies"
      : row && row.source !== 'story'
        ? `, but ${row.source} ${/flags$/.test(row.source) ? 'are' : 'is'} above the story: ${showValue(row.value)} applies`
        : '';
  const unsent =
    row && !row.sent
      ? report.offline
        ? ' (the offline narrator takes no samplers)'
        : ` (${report.endpoint} does not take it, so it is not sent)`
      : '';
  return `${what}${now}${unsent}.`;
}
