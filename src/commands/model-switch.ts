/**
 * `/model [NAME]`: without a name, the overlay of narrators; with one, the session narrates with
 * that profile from the next reply on. Every outcome other than the overlay is one line.
 */
import type { SessionHandle } from '../engine/session/index.js';
import { redactSecrets } from '../text/redact.js';
import { oneLine } from '../text/sanitize.js';
import { modelText } from './texts.js';
import type { CommandServices } from './services.js';
import { droppedNotice } from '../engine/session/samplers.js';

export type ModelOutcome = { overlay: string } | { notice: string; switched?: boolean };

/** Text from config or a provider, safe to show on one line: no escapes, no keys. */
const shown = (text: string) => redactSecrets(oneLine(text));
const reason = (failure: unknown) => shown(failure instanceof Error ? failure.message : String(failure));

/** The names `/model` completes and accepts; none when the config cannot be read. */
export function narratorNames(services: CommandServices): string[] {
  try {
    return services.narrators().map((c) => c.name);
  } catch {
    return [];
  }
}

/** Runs `/model` with its argument; `streaming` while a reply is being written. */
export async function modelCommand(
  session: SessionHandle,
  services: CommandServices,
  name: string,
  streaming: boolean,
): Promise<ModelOutcome> {
  let choices;
  try {
    choices = services.narrators();
  } catch (failure) {
    return { notice: `The profiles cannot be read: ${reason(failure)}` };
  }
  if (!name) return { overlay: modelText(session, choices) };
  if (streaming) return { notice: 'The narrator cannot change while a reply is being written: wait for it, or Esc stops it.' };
  if (!choices.some((c) => c.name === name)) {
    return { notice: `There is no profile "${shown(name)}"; the profiles are: ${choices.map((c) => c.name).join(', ')}.` };
  }
  if (name === session.providerId) return { notice: `Already narrating with ${shown(session.providerLabel)}.` };
  try {
    const narrator = await services.buildNarrator(name, session.seed);
    session.useProvider(narrator.provider, {
      ...(narrator.summarize ? { summarize: narrator.summarize } : {}),
      ...(narrator.systemPrompt ? { systemPrompt: narrator.systemPrompt } : {}),
      ...(narrator.chatPreset ? { chatPreset: narrator.chatPreset } : {}),
    });
  } catch (failure) {
    return { notice: `Still narrating with ${shown(session.providerLabel)}: ${reason(failure)}` };
  }
  // The new endpoint may take fewer samplers: said now, as at the start of a story.
  const dropped = droppedNotice(session.samplers());
  return {
    notice: `Now narrating with ${shown(session.providerLabel)}, from the next reply on.${dropped ? ` ${dropped}` : ''}`,
    switched: true,
  };
}
