/**
 * The simulated player with a model: a user-side agent prompted with the style, the pack's
 * persona and the story so far, through `provider.complete`. It writes only the player's
 * message (a narrator-looking prefix or a narrator section is cut off), and doubles as a plot
 * director: when the story stalls it is told to move the scene or bring in an idea of its own.
 */
import { hashSeed, pick, seededRandom } from '../../engine/random.js';
import type { ChatMessage, Provider, StoryMessage } from '../../engine/types.js';
import type { PlayerPersona, WorldPack } from '../../world/types.js';
import type { PlayerStyle } from '../types.js';
import { stallReason } from './director.js';
import type { PlayerContext, PlayerMove, SimulatedPlayer } from './player.js';
import { scriptedPlayer } from './scripted.js';
import { STYLE_INSTRUCTIONS } from './styles.js';
import { escapeRegExp } from '../../text/regexp.js';

/** Messages of the story shown to the player model. */
const STORY_MESSAGES = 12;

/** Creates a model-driven player of a style. */
export function modelPlayer(style: PlayerStyle, seed: number, provider: Provider): SimulatedPlayer {
  const fallback = scriptedPlayer(style, seed);
  return {
    style,
    async next(ctx: PlayerContext): Promise<PlayerMove> {
      const stalled = stallReason(ctx.recent);
      const idea = stalled ? directorIdea(ctx.pack, seed, ctx.turn) : undefined;
      const messages = playerPrompt(ctx.pack, ctx.persona, style, ctx.history, stalled && idea ? { reason: stalled, idea } : undefined);
      const raw = await provider.complete(messages, {
        maxTokens: style === 'slow' ? 220 : 90,
        temperature: 0.9,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      const text = cleanPlayerLine(
        raw,
        ctx.persona.name,
        ctx.pack.characters.map((c) => c.name),
      );
      // An empty answer would stall the run; the scripted line keeps the style.
      if (!text) return fallback.next(ctx);
      return { text, ...(stalled ? { director: stalled } : {}) };
    },
  };
}

/** The player model's prompt: role, persona, style, world, the story so far, and the director's note. */
export function playerPrompt(
  pack: WorldPack,
  persona: PlayerPersona,
  style: PlayerStyle,
  history: readonly StoryMessage[],
  director?: { reason: string; idea: string },
): ChatMessage[] {
  const byId = new Map(pack.characters.map((c) => [c.id, c.name]));
  const relations = Object.entries(persona.relations)
    .map(([id, what]) => `- ${byId.get(id) ?? id}: ${what}`)
    .join('\n');
  const system = [
    `You are the PLAYER in an interactive story set in "${pack.title}". You play ${persona.name}: ${persona.persona}`,
    relations ? `${persona.name}'s relations:\n${relations}` : '',
    `Style: ${STYLE_INSTRUCTIONS[style]}`,
    `Write only ${persona.name}'s next message, in the first person and in the story's language (${pack.language}): what you do and say. Never write the narrator's part, never decide what other characters do or say, no name or "Narrator:" prefix, no commentary.`,
    director
      ? `The story is stalling (${director.reason}). In this message, move the scene somewhere new or act on this idea: ${director.idea}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const story = history
    .slice(-STORY_MESSAGES)
    .map((m) => `${m.role === 'player' ? persona.name : 'Narrator'}: ${m.text}`)
    .join('\n\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: `The story so far:\n\n${story}\n\nWrite ${persona.name}'s next message.` },
  ];
}

/** A thread's hook or a character, chosen by seed and turn. */
function directorIdea(pack: WorldPack, seed: number, turn: number): string {
  const random = seededRandom(hashSeed(seed, 'director', turn));
  const ideas = [...pack.threads.map((t) => t.hook), ...pack.characters.map((c) => `bring ${c.name} into the scene`)];
  return ideas.length ? pick(ideas, random).replace(/\s+/g, ' ').trim() : 'go somewhere new';
}

/**
 * Keeps only the player's own words: drops a leading speaker prefix, cuts at the first line that
 * starts a narrator (or another character's) turn, and trims wrapping quotes.
 */
export function cleanPlayerLine(raw: string, playerName: string, characters: string[]): string {
  let text = raw.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const names = ['Narrator', 'Narration', 'GM', 'DM', 'Assistant', 'Player', 'User', playerName, ...characters].map(escapeRegExp).join('|');
  const prefix = new RegExp(`^\\s*(?:\\*\\*|__)?\\s*(?:${names})\\s*(?:\\*\\*|__)?\\s*[:：]\\s*(?:\\*\\*|__)?\\s*`, 'i');
  text = text.replace(prefix, '');
  const other = ['Narrator', 'Narration', 'GM', 'DM', 'Assistant', ...characters].map(escapeRegExp).join('|');
  const cut = new RegExp(`\\n\\s*(?:\\*\\*|__)?\\s*(?:${other})\\s*(?:\\*\\*|__)?\\s*[:：]`, 'i').exec(text);
  if (cut) text = text.slice(0, cut.index);
  text = text.trim();
  if (/^".*"$/s.test(text) && !text.slice(1, -1).includes('"')) text = text.slice(1, -1).trim();
  return text;
}
