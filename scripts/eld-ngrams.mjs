// @ts-check
/**
 * eld's extra-small database is one object literal: 49,553 n-grams, each mapped to its own small
 * object of language scores (`{59: 64}`). V8 gives each of those a dictionary of elements (~330
 * bytes), ~25 MB of heap in all, and parsing the 950 kB literal leaves more resident memory
 * behind. Only 12,588 of the score objects differ, and eld only reads them (`calculateScores`), so
 * the bundle carries each distinct one once and the n-gram keys as JSON, which V8 parses without
 * building a syntax tree. The data eld sees is deep-equal to the original
 * (tests/scripts/eld-ngrams.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/**
 * The source of a module exporting the same `ngramsData` as eld's, with shared score objects.
 * @param {{ type: string, languages: Record<string, string>, isSubset: boolean, ngrams: Record<string, Record<string, number>> }} data
 * @returns {string}
 */
export function sharedNgramsSource(data) {
  /** @type {Map<string, number>} */
  const distinct = new Map();
  const keys = [];
  const refs = [];
  for (const [key, scores] of Object.entries(data.ngrams)) {
    const json = JSON.stringify(scores);
    let ref = distinct.get(json);
    if (ref === undefined) distinct.set(json, (ref = distinct.size));
    keys.push(key);
    refs.push(ref);
  }
  // Non-ASCII as \u escapes: the module's source stays one byte a character while it is kept.
  const ascii = (/** @type {unknown} */ value) =>
    JSON.stringify(JSON.stringify(value)).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [
    '// eld/src/ngrams/extrasmall.js, rewritten by scripts/eld-ngrams.mjs: each distinct score object once.',
    `const scores = JSON.parse(${ascii([...distinct.keys()].map((json) => JSON.parse(json)))});`,
    `const keys = JSON.parse(${ascii(keys)});`,
    `const refs = JSON.parse(${ascii(refs)});`,
    'const ngrams = {};',
    'for (let i = 0; i < keys.length; i++) ngrams[keys[i]] = scores[refs[i]];',
    `export const ngramsData = { type: ${JSON.stringify(data.type)}, languages: ${JSON.stringify(data.languages)}, isSubset: ${JSON.stringify(data.isSubset)}, ngrams };`,
    '',
  ].join('\n');
}

/** An esbuild plugin that loads eld's extra-small database through `sharedNgramsSource`. */
export const eldSharedNgrams = {
  name: 'eld-shared-ngrams',
  /** @param {import('esbuild').PluginBuild} b */
  setup(b) {
    b.onLoad({ filter: /[\\/]eld[\\/]src[\\/]ngrams[\\/]extrasmall\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('export const ngramsData'))
        throw new Error(`eld-shared-ngrams: ${args.path} changed; update scripts/eld-ngrams.mjs`);
      const { ngramsData } = await import(pathToFileURL(args.path).href);
      return { contents: sharedNgramsSource(ngramsData), loader: 'js' };
    });
  },
};
