/**
 * A story's own material: its world, the player, the seed and the time it began, the opening on
 * screen, the compiled lore and the token counter. What a reply at a turn is written from is
 * assembled from it (turn-inputs.ts) with what changes as the story goes: the tree, the clock,
 * the author's note and the system prompts.
 */
import type { Opening, PlayerPersona, WorldPack } from '../../world/types.js';
import { compileLore, type CompiledLore } from '../lore/index.js';
import { TokenCounter } from '../tokens.js';
import type { MacroVariables } from '../variables.js';
import type { StoryMessage } from '../types.js';
import { openingMessage } from './context.js';
import { loreSpan, turnInputs, type StoryState, type TurnInputs, type TurnRef } from './turn-inputs.js';

/** What a turn's inputs take from the story as it stands when the turn is written. */
export type StoryNow = Pick<StoryState, 'tree' | 'now' | 'budget' | 'authorsNote' | 'systemPrompts' | 'chatPreset' | 'model'>;

export class Story {
  readonly counter = new TokenCounter();
  /** The longest sticky plus cooldown span of the pack's lore, in messages; read on the first turn. */
  private span: number | undefined;
  private compiled: CompiledLore | undefined;

  /**
   * `startedAt`: the opening's time and date macros read it, so they never change. `variables`: the
   * story's variables before its opening (a chat imported from SillyTavern brings its own).
   */
  constructor(
    readonly pack: WorldPack,
    public opening: Opening,
    readonly persona: PlayerPersona,
    readonly seed: number,
    readonly startedAt: number,
    readonly variables?: MacroVariables,
  ) {}

  /**
   * The pack's lore, compiled on first use: a turn's prompt, or `Session.warmUp` after the first
   * frame. Not before that frame: a `/regex/` key loads the pattern engine (src/text/pattern.ts).
   */
  get lore(): CompiledLore {
    return this.compileLore();
  }

  /** Compiles the lore now if it is not yet compiled. */
  compileLore(): CompiledLore {
    return (this.compiled ??= compileLore(
      this.pack.lore,
      this.pack.characters.flatMap((c) => [c.name, ...c.aliases]),
    ));
  }

  /**
   * The opening as the player reads it: macros resolved from the story's seed and start time. Made
   * once per opening (a swiped opening is another): what it reads never changes, and resolving it
   * again took ~25 µs a turn in the client bench. Frozen, since every turn shares it.
   */
  openingMessage(): StoryMessage {
    const kept = this.openingKept;
    if (kept?.opening === this.opening) return kept.message;
    const message = Object.freeze(openingMessage(this.pack, this.opening, this.persona, this.seed, this.startedAt));
    this.openingKept = { opening: this.opening, message };
    return message;
  }

  private openingKept: { opening: Opening; message: StoryMessage } | undefined;

  /** The inputs of a reply at the end of `ref.path`. */
  inputsAt(ref: TurnRef, now: StoryNow): TurnInputs {
    const { pack, opening, persona, seed, counter, lore } = this;
    return turnInputs(
      {
        pack,
        opening,
        persona,
        openingMessage: this.openingMessage(),
        seed,
        counter,
        lore,
        loreSpan: (this.span ??= loreSpan(pack)),
        ...(this.variables ? { variables: this.variables } : {}),
        ...now,
      },
      ref,
    );
  }
}
