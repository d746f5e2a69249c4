/** `skald worlds export ID --format card-v3 [--png] [--out FILE]`: a world back as a community card. */
import { writeFile } from 'node:fs/promises';
import { packToCard } from '../world/export/card.js';
import { cardToPng } from '../world/export/png.js';
import { resolveWorld } from '../world/discover.js';
import { jsonText, neutralize } from '../text/sanitize.js';
import { asInputError } from './world-resolve.js';
import { InputError, UsageError, fileErrorReason } from '../errors.js';

export async function exportWorld(world: string, options: { format?: string; png?: boolean; out?: string }): Promise<void> {
  const format = options.format ?? 'card-v3';
  if (format !== 'card-v3') throw new UsageError(`The --format option takes card-v3, not "${format}".`);
  let pack;
  try {
    pack = (await resolveWorld(world)).pack;
  } catch (error) {
    asInputError(error);
  }
  if (pack.characters.length > 1) {
    process.stderr.write(
      `skald: warning: a card holds one character; ${neutralize(pack.characters[0].name)} is the card's, the others (${pack.characters
        .slice(1)
        .map((c) => neutralize(c.name))
        .join(', ')}) are left out.\n`,
    );
  }
  const card = packToCard(pack);
  if (!options.png && !options.out) {
    process.stdout.write(`${jsonText(card, 2)}\n`);
    return;
  }
  const file = options.out ?? `${pack.id}.png`;
  const bytes = options.png ? cardToPng(card) : new TextEncoder().encode(`${JSON.stringify(card, null, 2)}\n`);
  try {
    await writeFile(file, bytes);
  } catch (error) {
    throw new InputError(`Cannot write ${neutralize(file)} (${fileErrorReason(error)}); choose another --out path.`);
  }
  process.stdout.write(`Wrote ${neutralize(pack.title)} as a Character Card V3${options.png ? ' in a PNG' : ''} to ${neutralize(file)}\n`);
}
