// @ts-check
/**
 * eld's extra-small database is one object literal: 49,553 n-grams, each mapped to its own small
 * object of language scores (`{59: 64}`). Loaded as written it costs ~57 MB of resident memory;
 * even with each of the 12,588 distinct score objects shared, the object of 49,553 keys, the keys
 * themselves, the score objects' dictionaries and the 2 MB of module source V8 keeps for the
 * module's lifetime cost 22 MB. eld only ever reads `ngrams[key]` and walks the scores it gets
 * (`calculateScores`), so the bundle carries the data as ~0.5 MB of bytes (base64 in the source)
 * behind a read-only Proxy: a key is found in an open-addressing table built at load, and its
 * scores are handed out as a fresh `{language: score}` object. What eld sees is what it saw
 * (tests/scripts/eld-ngrams.test.ts holds every key's scores equal, and eld's verdicts).
 */
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/**
 * The module's runtime: reads the byte layout `compactNgramsSource` writes. Kept as a function so
 * its text is emitted verbatim (and checked by tsc as JavaScript).
 * Layout: refs (u16 LE, one a key), key lengths (u8 a key), key bytes, set lengths (u8 a set, in
 * pairs), set pairs (language index, score).
 * @param {Uint8Array} bytes the layout, at the start of its own buffer (the u16 view needs alignment)
 * @param {number} keyCount
 * @param {number} setCount
 * @param {number} keyBytes
 */
function compactNgrams(bytes, keyCount, setCount, keyBytes) {
  const refs = new Uint16Array(bytes.buffer, 0, keyCount);
  const lengthsAt = keyCount * 2;
  const keysAt = lengthsAt + keyCount;
  const setLengthsAt = keysAt + keyBytes;
  const pairsAt = setLengthsAt + setCount;
  const keyStart = new Uint32Array(keyCount + 1);
  for (let k = 0; k < keyCount; k++) keyStart[k + 1] = keyStart[k] + bytes[lengthsAt + k];
  const setStart = new Uint32Array(setCount + 1);
  for (let s = 0; s < setCount; s++) setStart[s + 1] = setStart[s] + bytes[setLengthsAt + s];
  let size = 1;
  while (size < keyCount * 2.5) size *= 2;
  const mask = size - 1;
  // Slot -> key index + 1 (0 is empty); keys are eld's byte strings, one char a byte.
  const table = keyCount < 0xffff ? new Uint16Array(size) : new Uint32Array(size);
  // FNV-1a over the chars (bytes), the same for a stored key and a looked-up string.
  for (let k = 0; k < keyCount; k++) {
    let h = 0x811c9dc5;
    for (let i = keysAt + keyStart[k]; i < keysAt + keyStart[k + 1]; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    let slot = (h >>> 0) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = k + 1;
  }
  /** @param {string} key */
  const find = (key) => {
    const length = key.length;
    let h = 0x811c9dc5;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    let slot = (h >>> 0) & mask;
    for (let entry = table[slot]; entry !== 0; entry = table[(slot = (slot + 1) & mask)]) {
      const k = entry - 1;
      const start = keysAt + keyStart[k];
      if (keyStart[k + 1] - keyStart[k] !== length) continue;
      let i = 0;
      while (i < length && bytes[start + i] === key.charCodeAt(i)) i++;
      if (i === length) return k;
    }
    return -1;
  };
  /** @param {unknown} key */
  const scores = (key) => {
    const k = typeof key === 'string' && key.length <= 255 ? find(key) : -1;
    if (k < 0) return undefined;
    /** @type {Record<number, number>} */
    const out = {};
    const set = refs[k];
    for (let p = pairsAt + setStart[set] * 2, end = pairsAt + setStart[set + 1] * 2; p < end; p += 2) out[bytes[p]] = bytes[p + 1];
    return out;
  };
  const keys = () => {
    const all = [];
    for (let k = 0; k < keyCount; k++) all.push(String.fromCharCode(...bytes.subarray(keysAt + keyStart[k], keysAt + keyStart[k + 1])));
    return all;
  };
  return new Proxy(
    {},
    {
      get: (_, key) => scores(key),
      has: (_, key) => scores(key) !== undefined,
      ownKeys: () => keys(),
      getOwnPropertyDescriptor: (_, key) => {
        const value = scores(key);
        return value === undefined ? undefined : { value, writable: false, enumerable: true, configurable: true };
      },
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
    },
  );
}

/**
 * The source of a module exporting the same `ngramsData` as eld's, its n-grams compact.
 * @param {{ type: string, languages: Record<string, string>, isSubset: boolean, ngrams: Record<string, Record<string, number>> }} data
 * @returns {string}
 */
export function compactNgramsSource(data) {
  /** @type {Map<string, number>} */
  const distinct = new Map();
  /** @type {Array<Array<[number, number]>>} */
  const sets = [];
  const entries = Object.entries(data.ngrams);
  const refs = Buffer.alloc(entries.length * 2);
  const lengths = Buffer.alloc(entries.length);
  /** @type {number[]} */
  const keyBytes = [];
  entries.forEach(([key, scores], k) => {
    const pairs = Object.entries(scores).map(([language, score]) => /** @type {[number, number]} */ ([Number(language), score]));
    for (const [language, score] of pairs)
      if (!Number.isInteger(language) || language < 0 || language > 255 || !Number.isInteger(score) || score < 0 || score > 255)
        throw new Error(`eld-ngrams: the score ${language}: ${score} of "${key}" does not fit a byte pair; update scripts/eld-ngrams.mjs`);
    const json = JSON.stringify(pairs);
    let ref = distinct.get(json);
    if (ref === undefined) {
      distinct.set(json, (ref = sets.length));
      sets.push(pairs);
    }
    if (key.length > 255 || [...key].some((c) => c.charCodeAt(0) > 255))
      throw new Error(`eld-ngrams: the n-gram "${key}" is not a byte string; update scripts/eld-ngrams.mjs`);
    refs.writeUInt16LE(ref, k * 2);
    lengths[k] = key.length;
    for (let i = 0; i < key.length; i++) keyBytes.push(key.charCodeAt(i));
  });
  if (sets.length > 0xffff || sets.some((pairs) => pairs.length > 255)) throw new Error('eld-ngrams: too many score sets for the layout');
  const setLengths = Buffer.from(sets.map((pairs) => pairs.length));
  const pairs = Buffer.from(sets.flatMap((set) => set.flat()));
  const base64 = Buffer.concat([refs, lengths, Buffer.from(keyBytes), setLengths, pairs]).toString('base64');
  return [
    '// eld/src/ngrams/extrasmall.js, rewritten by scripts/eld-ngrams.mjs: the n-grams as bytes behind a read-only lookup.',
    compactNgrams.toString(),
    // Copied out of Buffer's pool into a buffer of its own.
    `const ngrams = compactNgrams(new Uint8Array(Buffer.from(${JSON.stringify(base64)}, 'base64')), ${entries.length}, ${sets.length}, ${keyBytes.length});`,
    `export const ngramsData = { type: ${JSON.stringify(data.type)}, languages: ${JSON.stringify(data.languages)}, isSubset: ${JSON.stringify(data.isSubset)}, ngrams };`,
    '',
  ].join('\n');
}

/** An esbuild plugin that loads eld's extra-small database through `compactNgramsSource`. */
export const eldCompactNgrams = {
  name: 'eld-compact-ngrams',
  /** @param {import('esbuild').PluginBuild} b */
  setup(b) {
    b.onLoad({ filter: /[\\/]eld[\\/]src[\\/]ngrams[\\/]extrasmall\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('export const ngramsData'))
        throw new Error(`eld-compact-ngrams: ${args.path} changed; update scripts/eld-ngrams.mjs`);
      const { ngramsData } = await import(pathToFileURL(args.path).href);
      return { contents: compactNgramsSource(ngramsData), loader: 'js' };
    });
  },
};
