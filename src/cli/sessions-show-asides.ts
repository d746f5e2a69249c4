/**
 * How `sessions show` and the Markdown export print what an import from SillyTavern kept: the
 * greeting's heading, the asides' marks, and `--json`'s `greeting` and `asides`. Apart from
 * sessions-show-imported.ts, which reads them from the start record with the importer's own
 * greeting rule, so that show's quick path loads the importer only for an imported story.
 */

/** A message kept aside on import, as show prints it. */
export interface ShownAside {
  /** Where it stood (ImportedStart's `after`: `start`, `opening`, a node id, `<id>:input`, `<id>:reply<n>`). */
  after: string;
  /** Why it was not played. */
  why: string;
  name: string;
  text: string;
}

export interface ImportedView {
  greeting?: string;
  asides: ShownAside[];
}

/** The node an aside's `after` names, or undefined for `start` and `opening`. */
export function asideNode(after: string): string | undefined {
  return after === 'start' || after === 'opening' ? undefined : after.split(':')[0];
}

/** An aside as a line of show's text: marked, so it is not read as part of the story. */
export function asideLine(aside: ShownAside): string {
  return `${asideMark(aside)} ${asideSaid(aside)}`.trimEnd();
}

/** An aside as a paragraph of the Markdown export: show's mark in italics, then who said what. */
export function asideMarkdown(aside: ShownAside): string {
  return `*${asideMark(aside)}* ${asideSaid(aside)}`.trimEnd();
}

const asideMark = (aside: ShownAside): string => `(kept aside on import, not played: ${aside.why})`;
const asideSaid = (aside: ShownAside): string => `${aside.name.trim() ? `${aside.name.trim()}: ` : ''}${aside.text}`;

/** The heading show and the Markdown export put over an imported greeting. */
export const GREETING_MARK = '(the greeting, imported from SillyTavern)';

/** The fields `show --json` adds for an imported session: `greeting`, and `asides` with the turn each follows (null when not on the active branch). */
export function importedJson(view: ImportedView | undefined, turnOf: (node: string) => number | undefined) {
  if (!view) return {};
  return {
    ...(view.greeting !== undefined ? { greeting: view.greeting } : {}),
    ...(view.asides.length > 0
      ? {
          asides: view.asides.map((a) => {
            const node = asideNode(a.after);
            return { after: a.after, turn: node === undefined ? 0 : (turnOf(node) ?? null), why: a.why, name: a.name, text: a.text };
          }),
        }
      : {}),
  };
}
