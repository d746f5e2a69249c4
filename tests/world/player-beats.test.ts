/**
 * A thread beat that tells the player's own move gets a warning: the narrator bringing it in would
 * act for the player. Bundled worlds carry none.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../../src/world/validate.js';

const WORLDS = ['glass-orchard', 'harbor-lights', 'ember-crown', 'qingshan-inn'];

function raw(id: string): Record<string, unknown> {
  return parse(readFileSync(fileURLToPath(new URL(`../../worlds/${id}/world.yaml`, import.meta.url)), 'utf8')) as Record<string, unknown>;
}

function beatWarnings(data: Record<string, unknown>): string[] {
  return validatePack(data, 'world.yaml')
    .problems.filter((p) => p.severity === 'warning' && /player's own move/.test(p.message))
    .map((p) => `${p.path}: ${p.message}`);
}

describe('thread beats that narrate the player', () => {
  it('warns on a beat opening on the player (or {{user}}) and a verb of theirs, and on no other', () => {
    const data = raw('harbor-lights');
    data.threads = [
      {
        id: 'receipts',
        hook: 'Ezra sent money home.',
        beats: [
          'Nell finds twelve years of money-order receipts in the desk.',
          '{{user}} quietly notices the bank statement.',
          'Nell is asked to sign for the delivery.',
          "Nell's brother arrives on the late bus.",
          'Twelve years of receipts turn up in the desk.',
        ],
      },
    ];
    const warnings = beatWarnings(data);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^threads\[0\]\.beats\[0\]: .*"Nell finds"/);
    expect(warnings[1]).toMatch(/^threads\[0\]\.beats\[1\]: .*"\{\{user\}\} notices"/);
    // A warning, not an error: the pack still loads.
    expect(validatePack(data, 'world.yaml').pack).toBeDefined();
  });

  it('finds none in the bundled worlds', () => {
    for (const id of WORLDS) expect(beatWarnings(raw(id)), id).toEqual([]);
  });
});
