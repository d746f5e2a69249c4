/** `skald personas ...`: what each subcommand prints. */
import { activePersona, addPersona, listPersonas, removePersona, usePersona } from '../config/personas.js';
import { neutralize } from '../text/sanitize.js';
import { safeJson } from './output.js';

const out = (text: string) => process.stdout.write(`${neutralize(text)}\n`);

export async function add(name: string, options: { description?: string; use?: boolean }): Promise<void> {
  const persona = addPersona(name, options.description ?? '');
  if (options.use) usePersona(persona.name);
  const inUse = activePersona()?.name === persona.name;
  out(
    `Saved persona ${persona.name}${inUse ? '; imported cards and worlds that name no player are played as them' : `; \`skald personas use ${persona.name}\` plays as them`}.`,
  );
}

export async function list(options: { json?: boolean } = {}): Promise<void> {
  const all = listPersonas();
  const active = activePersona()?.name;
  if (options.json) {
    out(safeJson({ active: active ?? null, personas: all }, 2));
    return;
  }
  if (all.length === 0) {
    out(
      'No personas yet. Imported cards are played as "Traveller" until you add one: `skald personas add Mara --description "who Mara is"`.',
    );
    return;
  }
  for (const p of all)
    out(`${p.name === active ? '*' : ' '} ${p.name}${p.description ? ` — ${p.description.replace(/\s+/g, ' ').slice(0, 100)}` : ''}`);
  if (!active) out('None is in use: `skald personas use NAME` chooses one.');
}

export async function use(name: string): Promise<void> {
  const persona = usePersona(name);
  out(
    persona
      ? `Imported cards and worlds that name no player are now played as ${persona.name}.`
      : 'No persona in use: worlds that name no player are played as "Traveller".',
  );
}

export async function remove(name: string): Promise<void> {
  const persona = removePersona(name);
  out(`Removed persona ${persona.name}.`);
}
