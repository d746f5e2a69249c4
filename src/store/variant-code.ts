/**
 * A turn's candidate variant on disk as one letter. Nearly every candidate is one of the carousel's
 * first three variants, and each of those follows from the turn's plan: `p` the planned beat and
 * cadence, `g` one cadence gentler (a quieter beat when already gentle), `b` one bolder (a busier
 * beat when already bold). Written out, `{"cadence":"gentle","label":"gentler"}` was 48 bytes of
 * every candidate, a ninth of a turn line after its texts.
 *
 * The rules are a frozen copy of the carousel's (src/engine/carousel) as the format defines them:
 * a letter means the same variant in every file, whatever the carousel later does. The writer uses
 * a letter only when it gives back exactly the variant the engine made; anything else is written
 * whole.
 */
import type { CandidateVariant } from '../engine/types.js';

export type VariantCode = 'p' | 'g' | 'b';

const CADENCES = ['gentle', 'steady', 'bold'] as const;
const SOFTER: Readonly<Record<string, string>> = {
  escalate: 'complicate',
  complicate: 'reveal',
  reveal: 'deepen',
  resolve: 'breathe',
  deepen: 'breathe',
  breathe: 'deepen',
};
const BOLDER: Readonly<Record<string, string>> = {
  breathe: 'deepen',
  deepen: 'reveal',
  resolve: 'reveal',
  reveal: 'complicate',
  complicate: 'escalate',
  escalate: 'complicate',
};
const LABELS: Readonly<Record<VariantCode, string>> = { p: 'planned', g: 'gentler', b: 'bolder' };

interface PlanKey {
  beat: string;
  cadence: string;
}

const own = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The variant `code` stands for under `plan`, or undefined when it stands for none there. */
export function variantOfCode(plan: PlanKey, code: unknown): CandidateVariant | undefined {
  if (code === 'p') return { beat: plan.beat, cadence: plan.cadence, label: LABELS.p } as CandidateVariant;
  if (code !== 'g' && code !== 'b') return undefined;
  const at = (CADENCES as readonly string[]).indexOf(plan.cadence);
  if (at < 0) return undefined;
  const next = Math.min(2, Math.max(0, at + (code === 'g' ? -1 : 1)));
  const beat = next === at ? own(code === 'g' ? SOFTER : BOLDER, plan.beat) : plan.beat;
  if (beat === undefined) return undefined;
  return { beat, cadence: CADENCES[next], label: LABELS[code] } as CandidateVariant;
}

/** The letter for `variant` under `plan`, when one gives it back exactly (no other fields). */
export function codeOfVariant(plan: PlanKey, variant: CandidateVariant): VariantCode | undefined {
  // The keys in the order a decoded variant has them, so a variant reads back as it was made.
  const keys = Object.keys(variant);
  if (keys.length !== 3 || keys[0] !== 'beat' || keys[1] !== 'cadence' || keys[2] !== 'label') return undefined;
  for (const code of ['p', 'g', 'b'] as const) {
    const v = variantOfCode(plan, code);
    if (v && v.beat === variant.beat && v.cadence === variant.cadence && v.label === variant.label) return code;
  }
  return undefined;
}

/**
 * Undefined when every lettered variant of a stored turn stands for one under its plan, else what
 * is wrong (`candidates.1.variant is "g", which its plan does not make`). Shared by the quick shape
 * check and the schema, so both refuse the same lines.
 */
export function variantCodeProblem(turn: { plan?: unknown; candidates?: unknown }): string | undefined {
  if (!Array.isArray(turn.candidates)) return undefined;
  const plan = turn.plan as Partial<PlanKey> | undefined;
  for (let i = 0; i < turn.candidates.length; i++) {
    const variant = (turn.candidates[i] as { variant?: unknown } | null)?.variant;
    if (typeof variant !== 'string') continue;
    const ok = typeof plan?.beat === 'string' && typeof plan.cadence === 'string' && variantOfCode(plan as PlanKey, variant) !== undefined;
    if (!ok) return `candidates.${i}.variant is ${JSON.stringify(variant.slice(0, 24))}, which its plan does not make`;
  }
  return undefined;
}
