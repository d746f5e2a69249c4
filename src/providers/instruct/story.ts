/**
 * SillyTavern's story string: a small Handlebars subset (`{{var}}`, `{{#if var}}...{{else}}...{{/if}}`,
 * `{{#unless var}}...{{/unless}}`, and `{{trim}}`, which removes itself and the newlines around it).
 * Unknown variables render as nothing, as Handlebars does. Nothing is evaluated: a name is only looked up.
 */
import { TemplateError } from './template.js';

type Node =
  | { type: 'text'; text: string }
  | { type: 'var'; name: string }
  | { type: 'block'; kind: 'if' | 'unless'; name: string; then: Node[]; otherwise: Node[] };

const TAG = /\{\{\s*([#/]?)\s*([A-Za-z_][\w.]*)?\s*([A-Za-z_][\w.]*)?\s*\}\}/g;
/** Deeper nesting than this is a broken or hostile file, not a layout. */
const MAX_DEPTH = 32;

/** Parses a story string, or throws TemplateError naming what is unbalanced. */
export function parseStoryString(source: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ block: Extract<Node, { type: 'block' }>; inElse: boolean }> = [];
  const target = (): Node[] => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.block.otherwise : top.block.then) : root;
  };
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const [whole, sigil, word = '', arg] = match;
    if (match.index > last) target().push({ type: 'text', text: source.slice(last, match.index) });
    last = match.index + whole.length;
    if (sigil === '#') {
      if (word !== 'if' && word !== 'unless')
        throw new TemplateError(`story_string uses {{#${word}}}, which skald does not know (only #if and #unless)`);
      if (!arg) throw new TemplateError(`story_string has {{#${word}}} without a name to test`);
      if (stack.length >= MAX_DEPTH) throw new TemplateError(`story_string nests blocks deeper than ${MAX_DEPTH}`);
      const block: Extract<Node, { type: 'block' }> = { type: 'block', kind: word, name: arg, then: [], otherwise: [] };
      target().push(block);
      stack.push({ block, inElse: false });
    } else if (sigil === '/') {
      const top = stack.pop();
      if (!top || top.block.kind !== word) throw new TemplateError(`story_string has {{/${word}}} without its {{#${word} ...}}`);
    } else if (word === 'else' && !arg) {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new TemplateError('story_string has an {{else}} outside an {{#if}} block');
      top.inElse = true;
    } else {
      target().push({ type: 'var', name: word });
    }
  }
  if (last < source.length) target().push({ type: 'text', text: source.slice(last) });
  if (stack.length > 0)
    throw new TemplateError(`story_string leaves {{#${stack[stack.length - 1].block.kind} ${stack[stack.length - 1].block.name}}} open`);
  return root;
}

/** The names a story string looks up (`{{name}}`, `{{#if name}}`, `{{#unless name}}`), each once, in order. */
export function storyStringNames(source: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Node[]): void => {
    for (const node of nodes) {
      if (node.type === 'var' && node.name !== 'trim') names.add(node.name);
      if (node.type === 'block') {
        names.add(node.name);
        walk(node.then);
        walk(node.otherwise);
      }
    }
  };
  walk(parseStoryString(source));
  return [...names];
}

/** Renders a story string with these variables (`system`, `char`, `user`, `persona` ...). */
export function renderStoryString(source: string, vars: Readonly<Record<string, string>>): string {
  const lookup = (name: string): string => (Object.prototype.hasOwnProperty.call(vars, name) ? (vars[name] ?? '') : '');
  const walk = (nodes: Node[]): string =>
    nodes
      .map((node) => {
        if (node.type === 'text') return node.text;
        if (node.type === 'var') return node.name === 'trim' ? TRIM_MARK : lookup(node.name);
        const truthy = lookup(node.name) !== '';
        return walk((node.kind === 'if' ? truthy : !truthy) ? node.then : node.otherwise);
      })
      .join('');
  return walk(parseStoryString(source)).replace(/(?:\r?\n)*\u0000trim\u0000(?:\r?\n)*/g, '');
}

/** Stands in for {{trim}} until the newlines around it are known; a NUL never survives into a prompt. */
const TRIM_MARK = '\u0000trim\u0000';
