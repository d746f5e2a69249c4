// @ts-check
/**
 * An ESLint rule for the layering of ../shared/DESIGN.md: which folder of src/ may import which.
 * It resolves each relative import against the importing file, so the check is by folder, not
 * by how a path happens to be spelt, and it sees re-exports, dynamic `import()` and
 * `import('…').Type` as well as plain imports.
 */
import path from 'node:path';

/**
 * What each layer of src/ may import besides itself. `errors` is src/errors.ts and `text` is
 * src/text/: leaves every layer may use. `paths` is src/paths.ts, where skald's files live on
 * disk: a leaf for the layers that touch the file system (never the engine, ui or commands). A layer missing here (a new folder) may import nothing
 * until it is placed.
 * @type {Record<string, readonly string[]>}
 */
export const LAYERS = {
  errors: [],
  text: [],
  paths: [],
  world: ['text', 'errors', 'paths'],
  engine: ['text', 'errors', 'world'],
  config: ['text', 'errors', 'paths', 'engine', 'world'],
  providers: ['text', 'errors', 'paths', 'engine', 'world', 'config'],
  store: ['text', 'errors', 'paths', 'engine', 'world'],
  eval: ['text', 'errors', 'paths', 'engine', 'world'],
  // The UI only renders and reads keys, and the commands it runs act on the session: neither reads
  // settings or profiles (the CLI hands them what they need, src/cli/file-services.ts).
  commands: ['text', 'errors', 'engine', 'world'],
  ui: ['text', 'errors', 'engine', 'world', 'commands'],
  cli: ['text', 'errors', 'paths', 'engine', 'world', 'config', 'providers', 'store', 'eval', 'ui', 'commands'],
};

/** The layer a file under `srcDir` belongs to: its first folder, or its name for a file at the top. */
function layerOf(file, srcDir) {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const [first, ...rest] = rel.split(path.sep);
  return rest.length > 0 ? first : first.replace(/\.[cm]?[jt]sx?$/, '');
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports between the folders of src/ follow the layering of DESIGN.md' },
    schema: [],
    messages: {
      upward: '{{from}} may not import {{to}} ({{source}}): DESIGN.md layers {{from}} on {{allowed}}.',
      unplaced: '{{from}} is not a known layer: add it to LAYERS in scripts/eslint-layers.js.',
    },
  },
  create(context) {
    const srcDir = path.join(context.cwd, 'src');
    const from = layerOf(context.filename, srcDir);
    if (!from) return {};
    const allowed = LAYERS[from];
    /** @param {import('estree').Node | null | undefined} node */
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      const to = layerOf(path.resolve(path.dirname(context.filename), node.value), srcDir);
      if (!to || to === from) return;
      if (!allowed) {
        context.report({ node, messageId: 'unplaced', data: { from } });
      } else if (!allowed.includes(to)) {
        context.report({ node, messageId: 'upward', data: { from, to, source: node.value, allowed: allowed.join(', ') || 'nothing' } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // `import('../cli/x.js').Type` in a type position (typescript-eslint's AST).
      /** @param {any} node */
      TSImportType: (node) => check(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
    };
  },
};

export default { rules: { layers: layersRule } };
