/**
 * The texts commands show (/world, /opening, /persona, /memory, /model), built
 * from the session. Plain text; a front end neutralises and wraps it.
 */
import type { SessionHandle } from '../engine/session/index.js';
import type { Fact } from '../engine/types.js';
import { resolveMacros } from '../engine/macros.js';
import type { NarratorChoice } from './services.js';

/**
 * A pack's creator notes in `language` when it has them in several (a V3 card's
 * `creator_notes_multilingual`, kept under `extensions.card`): the exact tag, else one of the same
 * language (`zh-CN` reads `zh`, `zh` reads `zh-TW`), else the summary (the card's `creator_notes`).
 */
export function creatorNotes(pack: SessionHandle['pack'], language: string | undefined): string {
  const card = pack.extensions?.card;
  const all = card && typeof card === 'object' ? (card as Record<string, unknown>).creator_notes_multilingual : undefined;
  if (!language || !all || typeof all !== 'object') return pack.summary;
  const notes = Object.entries(all as Record<string, unknown>).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
  );
  const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  const wanted = language.toLowerCase().replace('_', '-');
  const found =
    notes.find(([tag]) => tag.toLowerCase().replace('_', '-') === wanted) ?? notes.find(([tag]) => primary(tag) === primary(wanted));
  return found ? found[1] : pack.summary;
}

/**
 * The creator notes as the player reads them, in the banner and in /world: a card's notes name the
 * player and the character as {{user}} and {{char}}, resolved as its opening is.
 */
export function namedCreatorNotes(session: Pick<SessionHandle, 'pack' | 'persona'>, language: string | undefined): string {
  const char = session.pack.characters[0]?.name ?? session.pack.title;
  return resolveMacros(creatorNotes(session.pack, language), { user: session.persona.name, char });
}

/** The /world overlay: the pack, its people and openings; the creator notes in the player's language when the pack has it. */
export function worldText(session: SessionHandle, language?: string): string {
  const p = session.pack;
  // A card's texts name the player and the character as {{user}} and {{char}}: read with the names, as the opening is.
  const named = (text: string, char = p.characters[0]?.name ?? p.title) => resolveMacros(text, { user: session.persona.name, char });
  const people = p.characters
    .map((c) => `  ${c.name}${c.aliases.length ? ` (${c.aliases.join(', ')})` : ''}: ${named(c.persona.split('\n')[0], c.name)}`)
    .join('\n');
  return [
    `${p.title} ${p.version} · ${p.language} · ${p.rating}${p.tags.length ? ` · ${p.tags.join(', ')}` : ''}`,
    '',
    namedCreatorNotes(session, language),
    '',
    named(p.setting),
    '',
    'People:',
    people,
    '',
    `Openings: ${p.openings.map((o) => `${o.id} (${o.title})`).join(', ')}`,
    '`/opening <id>` starts this world again from another opening; `/world <id>` starts another world (this story stays saved).',
  ].join('\n');
}

/** The /opening overlay: the scene the story started from. */
export function openingText(session: SessionHandle): string {
  const o = session.opening;
  // What else the world opens with, and what choosing one does now, above the long scene text.
  const others = session.pack.openings.filter((x) => x.id !== o.id);
  const started = session.tree().some((b) => b.turns > 0);
  const choose = others.length
    ? [
        '',
        `Other openings: ${others.map((x) => `${x.id} (${x.title})`).join(', ')}.`,
        started
          ? '/opening ID starts this world again from one (this story stays saved).'
          : '/opening ID swaps to one before your first message (← → swipes them too).',
      ]
    : [];
  return [`${o.title} (${o.id})`, o.scene, ...choose, '', session.openingText].join('\n');
}

/** The /persona overlay: who the player plays, and the personas they saved to pick from. */
export function personaText(
  session: SessionHandle,
  library: ReadonlyArray<{ name: string; description: string; active: boolean }> = [],
): string {
  const p = session.persona;
  const relations = Object.entries(p.relations)
    .map(([who, rel]) => `  ${who}: ${rel}`)
    .join('\n');
  const saved = library.map(
    (s) => `  ${s.active ? '*' : ' '} ${s.name}${s.description ? ` — ${s.description.replace(/\s+/g, ' ').slice(0, 80)}` : ''}`,
  );
  return [
    `You play ${p.name}.`,
    '',
    p.persona,
    ...(relations ? ['', 'Relations:', relations] : []),
    ...(saved.length ? ['', 'Your personas (`skald personas`; * in use):', ...saved] : []),
    '',
    'Play as someone else: `/persona NAME` starts this opening again under that name (this story stays saved), and `skald play <world> --persona NAME` does so from the start.',
    ...(session.pack.player.open ? ['This world names no player of its own: a saved persona plays it with its description.'] : []),
  ].join('\n');
}

/** How a fact came to be kept: pinned, or its kind and who found it (the model or the patterns). */
export function factOrigin(fact: Fact): string {
  if (fact.source === 'pinned') return 'pinned';
  return fact.source === 'model' ? `${fact.kind}, from the model` : fact.kind;
}

/** The /memory overlay: the rolling summary and the numbered facts. */
export function memoryText(session: SessionHandle): string {
  const m = session.memory();
  const facts = m.facts.map((f, i) => `  ${i + 1}. ${f.text}  [${factOrigin(f)}, turn ${f.turn}]`).join('\n');
  return [
    m.summary ? `Summary (through turn ${m.summaryThrough}):\n${m.summary}` : 'No summary yet: the whole story still fits the prompt.',
    '',
    m.facts.length ? `Facts:\n${facts}` : 'No facts yet.',
    '',
    '/remember <fact> pins one; /forget <n> unpins fact n.',
  ].join('\n');
}

/**
 * The /model overlay: who narrates, the narrators `/model NAME` switches to (the one in use
 * marked), and how to add one. `choices` come from the services; they hold no key.
 */
export function modelText(session: SessionHandle, choices: readonly NarratorChoice[]): string {
  const width = Math.max(...choices.map((c) => c.name.length));
  const rows = choices.map(
    (c) =>
      `  ${c.name === session.providerId ? '●' : ' '} ${c.name.padEnd(width)}  ${c.where}${c.name === 'offline' ? '' : ` · ${c.model ?? 'first served model'}`}`,
  );
  const profiles = choices.some((c) => c.name !== 'offline');
  return [
    `Narrating: ${session.providerLabel}.`,
    '',
    ...rows,
    '',
    '`/model NAME` narrates with that profile from the next reply on; `/model offline` switches to the offline narrator.',
    'The switch lasts for this run; `skald profiles use NAME` makes a profile the default.',
    '',
    ...(profiles
      ? [
          'Add another profile (then `/model NAME` here, or `skald play <world> --profile NAME`):',
          '  skald profiles add NAME --preset openrouter --model MODEL',
        ]
      : [
          'No profiles yet: the offline narrator composes replies from the world pack, with no model. To play with a model, add a profile:',
          '  skald profiles add local --preset ollama --model llama3.1',
          '  skald profiles use local      (or: skald play <world> --profile local)',
        ]),
    '',
    'The session is saved as you play; continue it with `skald play --resume last`.',
  ].join('\n');
}

/**
 * Why a reply that did not finish ended, in words, from its `finishReason`: the play screen's
 * note under it and `sessions show`'s mark say it the same way.
 */
export function unfinishedReason(finishReason: string | undefined): string {
  if (finishReason === 'interrupted') return 'the stream broke off before the end';
  if (finishReason === 'timeout') return 'the stream stalled and timed out';
  return 'the reply ended before it was finished';
}
