/**
 * What can still be read from a damaged line. A damaged start record is rebuilt field by field
 * (one flipped byte spoils one field, and the file name still says the id), so the turns after it
 * stay readable; a damaged record of any other kind is only described, to say what was lost.
 */
import type { SessionStartRecord } from '../engine/session/records.js';

const STRING_FIELDS = ['packId', 'packTitle', 'openingId', 'persona'] as const;
const NUMBER_FIELDS = ['at', 'seed', 'candidates', 'budget'] as const;
/** Start fields a player would miss, in the words the warning uses. */
const NAMES: Record<string, string> = {
  packId: 'world',
  packTitle: 'world title',
  openingId: 'opening',
  persona: 'player name',
  at: 'start time',
  seed: 'seed',
  candidates: 'candidate count',
  budget: 'context budget',
  planner: 'planner setting',
  provider: 'narrator',
};

function stringField(text: string, key: string): string | undefined {
  const m = new RegExp(`"${key}":"((?:[^"\\\\\\n]|\\\\.)*)"`).exec(text);
  if (!m) return undefined;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return undefined;
  }
}

function numberField(text: string, key: string): number | undefined {
  const m = new RegExp(`"${key}":(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)[,}]`).exec(text);
  return m ? Number(m[1]) : undefined;
}

function objectField(text: string, key: string): unknown {
  const m = new RegExp(`"${key}":(\\{[^{}]*\\})`).exec(text);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]);
  } catch {
    return undefined;
  }
}

/** The start record's provider field as `sessions list` and `show` read it (checked without zod, which `list` does not load). */
export function isProvider(value: unknown): value is SessionStartRecord['provider'] {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.label === 'string' &&
    typeof v.offline === 'boolean' &&
    (v.model === undefined || typeof v.model === 'string')
  );
}

/** What a salvaged start record could not vouch for: the world and opening as the damaged line reads them. */
export interface Doubtful {
  world?: string;
  opening?: string;
}

/**
 * A start record rebuilt from a damaged first line, with the names of the settings that could
 * not be read (given defaults); undefined when the line does not look like a start record at all.
 * `intact`: the line is as it was written (its checksum matches; only its shape is wrong). When it
 * is not, any byte of it may have changed, and a world or opening id read from it may name
 * another world (one changed letter, "mini-mill" read as "mrni-mill"): those are left empty (the
 * player names the world on resume; the first opening is used) and returned as `doubtful`.
 */
export function salvageStart(
  text: string,
  id: string,
  intact = true,
): { start: SessionStartRecord; unreadable: string[]; doubtful: Doubtful } | undefined {
  const found: Record<string, unknown> = {};
  for (const key of STRING_FIELDS) {
    const value = stringField(text, key);
    if (value !== undefined) found[key] = value;
  }
  for (const key of NUMBER_FIELDS) {
    const value = numberField(text, key);
    if (value !== undefined) found[key] = value;
  }
  const planner = /"planner":(true|false)[,}]/.exec(text);
  if (planner) found.planner = planner[1] === 'true';
  const provider = objectField(text, 'provider');
  if (isProvider(provider)) found.provider = provider;
  const marked = text.includes('"session-start"');
  if (!marked && Object.keys(found).length < 4) return undefined;
  const unreadable = [...STRING_FIELDS, ...NUMBER_FIELDS, 'planner', 'provider'].filter((key) => !(key in found)).map((key) => NAMES[key]);
  const doubtful: Doubtful = {};
  if (!intact) {
    if (typeof found.packId === 'string') doubtful.world = found.packId;
    if (typeof found.openingId === 'string') doubtful.opening = found.openingId;
    delete found.packId;
    delete found.openingId;
  }
  const packId = (found.packId as string | undefined) ?? '';
  const start: SessionStartRecord = {
    type: 'session-start',
    v: 1,
    id,
    at: (found.at as number | undefined) ?? 0,
    packId,
    packTitle: (found.packTitle as string | undefined) ?? (packId || doubtful.world || ''),
    openingId: (found.openingId as string | undefined) ?? '',
    persona: (found.persona as string | undefined) ?? '',
    seed: (found.seed as number | undefined) ?? 0,
    provider: (found.provider as SessionStartRecord['provider'] | undefined) ?? { id: 'unknown', label: '(unreadable)', offline: false },
    candidates: (found.candidates as number | undefined) ?? 3,
    budget: (found.budget as number | undefined) ?? 8192,
    planner: (found.planner as boolean | undefined) ?? true,
  };
  return { start, unreadable, doubtful };
}

/** What a damaged line seems to have held, read from the fields that survived. */
export interface LostHint {
  type?: string;
  nodeId?: string;
  number?: number;
  input?: string;
}

/** The kind, node and turn of a damaged line, as far as they can still be read. */
export function describeDamaged(text: string): LostHint {
  const hint: LostHint = {};
  const type = /"type":"([a-z-]{2,20})"/.exec(text);
  if (type) hint.type = type[1];
  const nodeId = stringField(text, 'nodeId');
  if (nodeId !== undefined) hint.nodeId = nodeId;
  const number = numberField(text, 'number');
  if (number !== undefined) hint.number = number;
  const input = /"input":\{"text":"((?:[^"\\\n]|\\.){0,200})/.exec(text);
  if (input) {
    try {
      hint.input = JSON.parse(`"${input[1].replace(/\\$/, '')}"`) as string;
    } catch {
      // an escape cut in half: the input stays unnamed
    }
  }
  return hint;
}
