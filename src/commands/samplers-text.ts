/** The `/set` overlay: every sampler in force, where it comes from, and what the endpoint leaves out. Plain text. */
import type { SamplerReport } from '../engine/session/samplers.js';
import { showValue } from '../engine/samplers/layers.js';
import { SAMPLER_KEYS } from '../world/samplers.js';

/** The listing, as lines of text. */
export function samplersText(report: SamplerReport): string {
  const lines = [
    `Samplers for ${report.endpoint}. Layers, each overriding the one before: a profile's preset, the profile, the world, this story (/set), the run's --preset and flags.`,
    '',
  ];
  if (report.rows.length === 0) lines.push('None set: the back end uses its own defaults.');
  const width = Math.max(0, ...report.rows.map((r) => r.key.length));
  for (const row of report.rows) {
    const note = row.sent
      ? ''
      : report.offline
        ? '   (the offline narrator takes no samplers)'
        : `   not sent: ${report.endpoint} does not take it`;
    lines.push(`  ${row.key.padEnd(width)}  ${showValue(row.value).slice(0, 80)}   from ${row.source}${note}`);
  }
  const unset = SAMPLER_KEYS.filter((k) => !report.rows.some((r) => r.key === k));
  if (unset.length)
    lines.push(
      '',
      `Not set (the back end's default${unset.includes('max_tokens') ? "; max_tokens: the planner's limit for each beat" : ''}): ${unset.join(', ')}.`,
    );
  lines.push(
    '',
    '/set NAME VALUE sets one for this story (kept when you resume): /set temperature 0.9, /set stop ["###"], ' +
      '/set extra.dry_multiplier 0.8 for back-end samplers. /set NAME default goes back to the layers below; /set NAME none stops it being sent.',
  );
  return lines.join('\n');
}
