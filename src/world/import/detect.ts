/**
 * What a parsed JSON document is: a character card (TavernAI V1, Character Card V2 or V3) or a
 * lorebook (SillyTavern World Info, a V2 `character_book`, a V3 `lorebook_v3`).
 */
import { ImportError } from './errors.js';
import { asObject } from './text.js';

type Obj = Record<string, unknown>;

export type CardFormat = 'tavernai_v1' | 'chara_card_v2' | 'chara_card_v3';
export type LorebookFormat = 'world_info' | 'character_book' | 'lorebook_v3';

export type Detected =
  { kind: 'card'; format: CardFormat; data: Obj; root: Obj } | { kind: 'lorebook'; format: LorebookFormat; book: Obj; root: Obj };

// Fields of the old Pygmalion/TavernAI exports, mapped to the V1 names.
const PYGMALION: Record<string, string> = {
  char_name: 'name',
  char_persona: 'description',
  world_scenario: 'scenario',
  char_greeting: 'first_mes',
  example_dialogue: 'mes_example',
};
const V1_FIELDS = ['description', 'personality', 'scenario', 'first_mes', 'mes_example'];

const isWorldInfo = (entries: unknown): boolean => {
  const obj = asObject(entries);
  return obj !== undefined && Object.values(obj).every((e) => asObject(e) !== undefined);
};

/** Detects the format of `value`; throws ImportError (`unknown-format`) when it is none of them. */
export function detectFormat(value: unknown, what: string): Detected {
  const root = asObject(value);
  const unknown = (detail: string) =>
    new ImportError(
      'unknown-format',
      `${what} is ${detail}, not a format skald imports: a character card (TavernAI V1, chara_card_v2, chara_card_v3; .json, .png or .charx) or a lorebook (SillyTavern World Info, character_book, lorebook_v3).`,
    );
  if (!root) throw unknown(Array.isArray(value) ? 'a JSON list' : `JSON ${value === null ? 'null' : typeof value}`);

  const spec = typeof root.spec === 'string' ? root.spec : undefined;
  if (spec === 'chara_card_v3' || spec === 'chara_card_v2') {
    const data = asObject(root.data);
    if (!data)
      throw new ImportError('unknown-format', `${what} says it is a ${spec} card but has no \`data\` object; export the card again.`);
    return { kind: 'card', format: spec, data, root };
  }
  if (spec === 'lorebook_v3') {
    const book = asObject(root.data);
    if (!book)
      throw new ImportError('unknown-format', `${what} says it is a lorebook_v3 but has no \`data\` object; export the lorebook again.`);
    return { kind: 'lorebook', format: 'lorebook_v3', book, root };
  }
  if (spec !== undefined) throw unknown(`a "${spec}" document`);

  if (isWorldInfo(root.entries) && !Array.isArray(root.entries)) return { kind: 'lorebook', format: 'world_info', book: root, root };
  if (Array.isArray(root.entries)) return { kind: 'lorebook', format: 'character_book', book: root, root };
  // A bare V2 card body (some tools export `data` without the envelope).
  const data = asObject(root.data);
  if (data && ('first_mes' in data || 'description' in data) && 'name' in data)
    return { kind: 'card', format: 'chara_card_v2', data, root };

  const v1: Obj = { ...root };
  for (const [from, to] of Object.entries(PYGMALION)) if (v1[to] === undefined && from in root) v1[to] = root[from];
  if (V1_FIELDS.some((f) => f in v1)) return { kind: 'card', format: 'tavernai_v1', data: v1, root };
  throw unknown('a JSON object with none of the fields of a card or lorebook');
}
