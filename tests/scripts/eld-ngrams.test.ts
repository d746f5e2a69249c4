import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, checked by its own JSDoc
import { compactNgramsSource } from '../../scripts/eld-ngrams.mjs';
import { CORPUS_FILE, corpusPresent, warnIfCorpusAbsent } from '../support/corpus.js';

type Ngrams = { type: string; languages: Record<string, string>; isSubset: boolean; ngrams: Record<string, Record<string, number>> };
type Detector = { detect(text: string): { language: string; getScores(): Record<string, number>; isReliable(): boolean } };

const eldDir = join(import.meta.dirname, '../../node_modules/eld/src');
// eld's own modules, by path: its package exports only the preloaded instances.
const { ngramsData: original } = (await import(pathToFileURL(join(eldDir, 'ngrams/extrasmall.js')).href)) as { ngramsData: Ngrams };
const { createEld } = (await import(pathToFileURL(join(eldDir, 'languageDetector.js')).href)) as {
  createEld: () => { instance: Detector; loadData: (data: Ngrams) => void };
};

const dir = mkdtempSync(join(tmpdir(), 'skald-eld-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rewritten(): Promise<Ngrams> {
  const file = join(dir, `ngrams-${Date.now()}.mjs`);
  writeFileSync(file, (compactNgramsSource as (data: Ngrams) => string)(original));
  return ((await import(pathToFileURL(file).href)) as { ngramsData: Ngrams }).ngramsData;
}

function detector(data: Ngrams): Detector {
  const { instance, loadData } = createEld();
  loadData(data);
  return instance;
}

describe("the bundle's copy of eld's extra-small database", () => {
  it('holds the same n-grams, in the same order, each with the same scores', async () => {
    const compact = await rewritten();
    expect({ ...compact, ngrams: null }).toEqual({ ...original, ngrams: null });
    const keys = Object.keys(original.ngrams);
    expect(Object.keys(compact.ngrams)).toEqual(keys);
    for (const key of keys) {
      const scores = compact.ngrams[key];
      expect(scores, key).toEqual(original.ngrams[key]);
      // eld walks the scores with for-in: the same languages in the same order.
      expect(Object.keys(scores), key).toEqual(Object.keys(original.ngrams[key]));
    }
  });

  it('has nothing under keys eld does not hold, and cannot be changed', async () => {
    const { ngrams } = await rewritten();
    for (const key of ['', 'zzzzzz', ' '.repeat(300), 'constructor', '__proto__', 'toString', '\u4e00\u4e00']) {
      expect(Object.hasOwn(original.ngrams, key), key).toBe(false);
      expect(ngrams[key], key).toBeUndefined();
      expect(key in ngrams, key).toBe(false);
    }
    const key = Object.keys(original.ngrams)[0];
    expect(Reflect.set(ngrams, key, { 0: 1 })).toBe(false);
    expect(Reflect.deleteProperty(ngrams, key)).toBe(false);
    expect(ngrams[key]).toEqual(original.ngrams[key]);
    // Each read is a fresh object: a caller that changed one would not change the data.
    ngrams[key][0] = 999;
    expect(ngrams[key]).toEqual(original.ngrams[key]);
  });

  it('gives eld the same verdicts on text in many languages', async () => {
    const before = detector(original);
    const after = detector(await rewritten());
    const texts = [
      'The wheel stopped three nights ago.',
      'Der Hund bellt laut, und niemand im Dorf schläft.',
      'Le moulin ne tourne plus depuis trois nuits.',
      'Колесо остановилось три ночи назад.',
      '水车三天前就停了。',
      'العجلة توقفت منذ ثلاث ليال',
      'हम कल सुबह गाँव जाएँगे',
      'ok',
      '',
      ...readFileSync(join(import.meta.dirname, '../../worlds/glass-orchard/world.yaml'), 'utf8').split('\n'),
    ];
    if (corpusPresent)
      for (const line of readFileSync(CORPUS_FILE, 'utf8').split('\n').filter(Boolean))
        texts.push((JSON.parse(line) as { response: string }).response);
    for (const text of texts) {
      const a = before.detect(text);
      const b = after.detect(text);
      expect({ language: b.language, scores: b.getScores(), reliable: b.isReliable() }, text).toEqual({
        language: a.language,
        scores: a.getScores(),
        reliable: a.isReliable(),
      });
    }
  });
  warnIfCorpusAbsent("eld's verdicts on real replies");

  it('is what the build puts in dist/ (scripts/build.mjs loads eld through the rewrite)', () => {
    const chunks = join(import.meta.dirname, '../../dist/chunks');
    const code = readdirSync(chunks)
      .filter((name) => name.endsWith('.js'))
      .map((name) => readFileSync(join(chunks, name), 'utf8'))
      .find((text) => text.includes('// node_modules/eld/src/ngrams/extrasmall.js'));
    expect(code).toBeDefined();
    expect(code).toMatch(/\/\/ node_modules\/eld\/src\/ngrams\/extrasmall\.js\nfunction compactNgrams\(/);
  });
});
