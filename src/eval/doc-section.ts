/**
 * Replaces one `## ` section of a Markdown document, keeping every other section as it is, so two
 * measurements can each keep their own table in one file.
 */

/**
 * `doc` with the section titled `heading` (a full `## ...` line) replaced by `body`, or with the
 * section appended when it is absent. A section runs to the next `## ` heading or the end.
 */
export function replaceSection(doc: string, heading: string, body: string): string {
  const section = `${heading}\n\n${body.trim()}\n`;
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === heading);
  if (start < 0) {
    const base = doc.trimEnd();
    return base ? `${base}\n\n${section}` : section;
  }
  let end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  if (end < 0) end = lines.length;
  const before = lines.slice(0, start).join('\n');
  const after = lines.slice(end).join('\n');
  return `${before}${before ? '\n' : ''}${section}${after ? `\n${after}` : ''}`;
}
