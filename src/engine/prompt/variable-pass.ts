/**
 * The variables a prompt's own texts change. SillyTavern evaluates the macros of every text it puts
 * in a prompt (system prompt, World Info, author's note ...) each time it builds one, against the
 * chat's variables, and keeps what `{{setvar}}` and the rest write (public/scripts/variables.js,
 * setLocalVariable: chat_metadata.variables). skald does it once per turn: each text that writes a
 * variable is resolved once, in the prompt's order, reading what the texts before it left, and the
 * turn keeps the changes (session/story-variables.ts), so the story carries them on; building the
 * prompt again (a squeeze, a variant, a regenerate) changes nothing twice.
 */
import { copyVariables, variableChanges, writesVariables, type MacroVariables, type VariableChanges } from '../variables.js';

export class VariablePass {
  private readonly vars: MacroVariables;
  private readonly resolved = new Map<string, string>();

  constructor(
    private readonly start: MacroVariables,
    private readonly resolve: (text: string, vars: MacroVariables) => string,
  ) {
    this.vars = copyVariables(start);
  }

  /** `text` with its macros resolved once against the variables so far, when it writes one; otherwise as it is. */
  text(text: string): string {
    if (!writesVariables(text)) return text;
    let out = this.resolved.get(text);
    if (out === undefined) {
      out = this.resolve(text, this.vars);
      this.resolved.set(text, out);
    }
    return out;
  }

  /** The variables after the texts so far. */
  get after(): MacroVariables {
    return this.vars;
  }

  /** What the texts so far changed, or undefined for nothing. */
  changes(): VariableChanges | undefined {
    return variableChanges(this.start, this.vars);
  }
}
