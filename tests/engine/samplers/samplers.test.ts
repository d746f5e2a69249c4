import { describe, expect, it } from 'vitest';
import { applyEdit, mergeLayers, parseEdit } from '../../../src/engine/samplers/layers.js';
import { candidateSettings, fitSamplers } from '../../../src/engine/samplers/fit.js';
import { layerProblem, parseSamplerText, samplerKey, samplerProblem } from '../../../src/world/samplers.js';
import { endpointSamplers, findPreset } from '../../../src/config/presets.js';

describe('sampler values', () => {
  it('takes each named sampler in its range and refuses the rest with one sentence naming the range', () => {
    expect(parseSamplerText('temperature', '0.8')).toBe(0.8);
    expect(parseSamplerText('top_k', '40')).toBe(40);
    expect(parseSamplerText('presence_penalty', '-1.5')).toBe(-1.5);
    expect(() => parseSamplerText('temperature', '9')).toThrow('temperature takes a number from 0 to 5, not 9.');
    expect(() => parseSamplerText('top_p', '1.2')).toThrow('top_p takes a number from 0 to 1, not 1.2.');
    expect(() => parseSamplerText('top_k', '2.5')).toThrow('top_k takes a whole number from 0 to 100000, not 2.5.');
    expect(() => parseSamplerText('repetition_penalty', '0')).toThrow(
      'repetition_penalty takes a number greater than 0 and at most 10, not 0.',
    );
    expect(() => parseSamplerText('min_p', 'lots')).toThrow('min_p takes a number from 0 to 1, not "lots".');
    // Not hexadecimal, not exponents, not empty: a player never means those.
    expect(() => parseSamplerText('seed', '0x10')).toThrow(/seed takes a whole number/);
    expect(() => parseSamplerText('max_tokens', '1e3')).toThrow(/max_tokens takes a whole number from 1/);
    expect(samplerProblem('seed', -1)).toMatch(/from 0 to/);
  });

  it('reads stop strings as a JSON list, a JSON string or the text itself, within limits', () => {
    expect(parseSamplerText('stop', '["\\n\\n", "###"]')).toEqual(['\n\n', '###']);
    expect(parseSamplerText('stop', '"\\nYou:"')).toEqual(['\nYou:']);
    expect(parseSamplerText('stop', '###')).toEqual(['###']);
    expect(() => parseSamplerText('stop', '[1, 2]')).toThrow('stop takes a list of strings');
    expect(() => parseSamplerText('stop', JSON.stringify(Array.from({ length: 17 }, (_, i) => `s${i}`)))).toThrow('at most 16');
  });

  it('knows the names players type, and refuses unknown ones pointing at extra', () => {
    expect(samplerKey('top-p')).toBe('top_p');
    expect(samplerKey('Temp')).toBe('temperature');
    expect(samplerKey('rep_pen')).toBe('repetition_penalty');
    expect(() => parseEdit('temprature', '0.9')).toThrow(/^There is no sampler "temprature"; the named ones are temperature, top_p/);
    expect(() => parseEdit('extra.top_k', '40')).toThrow('"top_k" is a named sampler: set it as top_k, not under extra.');
    expect(() => parseEdit('extra.model', '"x"')).toThrow('Extra cannot set model: skald writes it itself.');
    expect(() => parseEdit('extra.bad-name', '1')).toThrow(/cannot be an extra sampler name/);
    expect(parseEdit('extra.dry_sequence_breakers', '["\\n", ":"]')).toEqual({ key: 'extra.dry_sequence_breakers', value: ['\n', ':'] });
    expect(parseEdit('extra.mirostat', '2')).toEqual({ key: 'extra.mirostat', value: 2 });
    expect(parseEdit('top_k', 'none')).toEqual({ key: 'top_k', value: null });
    expect(parseEdit('top_k', 'default')).toEqual({ key: 'top_k' });
  });

  it('says what is wrong with a /set or profiles set in one capitalised sentence, with the known names or the expected value', () => {
    const said = (name: string, value: string) => {
      try {
        parseEdit(name, value);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${name} ${value} was taken`);
    };
    expect(said('nonsense', '1')).toBe(
      'There is no sampler "nonsense"; the named ones are temperature, top_p, top_k, min_p, presence_penalty, frequency_penalty, repetition_penalty, seed, max_tokens, stop, and back-end specific ones go under extra (extra.nonsense).',
    );
    // An unknown name is said first, with or without a value.
    expect(said('nonsense', '')).toBe(said('nonsense', '1'));
    expect(said('temperature', '')).toBe(
      'Give temperature a value (a number from 0 to 5): `temperature 0.8`, `temperature default` (back to the layers below) or `temperature none` (not sent).',
    );
    expect(said('top_k', ' ')).toMatch(/^Give top_k a value \(a whole number from 0 to \d+\): `top_k 0.8`/);
    expect(said('stop', '')).toMatch(/^Give stop a value \(a JSON list of strings, or one string\): `stop "###"`/);
    expect(said('min_p', 'lots')).toBe('The sampler min_p takes a number from 0 to 1, not "lots".');
    expect(said('extra', '[1]')).toBe('Extra takes a JSON object, like {"dry_multiplier": 0.8}.');
    expect(said('extra.bad-name', '1')).toMatch(/^"bad-name" cannot be an extra sampler name/);
    for (const [name, value] of [
      ['nonsense', '1'],
      ['temperature', ''],
      ['extra.mirostat', ''],
      ['top_p', '9'],
      ['stop', '[1]'],
      ['extra.temp', '1'],
      ['extra.model', '1'],
    ])
      expect(said(name, value), `${name} ${value}`).toMatch(/^["A-Z][^\n]*\.$/);
  });

  it('checks whole layers: a stored typo or a wrong value is a problem, not something never sent', () => {
    expect(layerProblem({ temperature: 0.7, extra: { mirostat: 2 } })).toBeUndefined();
    expect(layerProblem({ temprature: 0.7 })).toMatch(/there is no sampler "temprature"/);
    expect(layerProblem({ temp: 0.7 })).toBe('write temperature, not temp.');
    expect(layerProblem({ top_p: 3 })).toMatch(/top_p takes a number from 0 to 1/);
    expect(layerProblem({ extra: [1] })).toMatch(/extra takes a JSON object/);
    expect(layerProblem({ extra: { blob: 'x'.repeat(5000) } })).toMatch(/limited to 4096 characters/);
  });
});

describe('sampler layers', () => {
  const layers = [
    { source: 'preset Big O (profile local)', layer: { temperature: 0.87, top_k: 85, min_p: 0, extra: { typical_p: 0.68, tfs: 0.68 } } },
    { source: 'profile local', layer: { temperature: 0.8, extra: { tfs: null } } },
    { source: 'world glass-orchard', layer: { temperature: 0.75, min_p: 0.05 } },
    { source: 'story', layer: { temperature: 0.9, top_k: null } },
    { source: 'preset Mirostat (--preset)', layer: { extra: { mirostat: 2 } } },
    { source: "the run's flags", layer: { min_p: 0.1 } },
  ];

  it('merge in order, each overriding the one before, key by key inside extra too; none removes what is below', () => {
    const { settings, sources } = mergeLayers(layers);
    expect(settings).toEqual({ temperature: 0.9, min_p: 0.1, extra: { typical_p: 0.68, mirostat: 2 } });
    expect(sources).toEqual({
      temperature: 'story',
      min_p: "the run's flags",
      'extra.typical_p': 'preset Big O (profile local)',
      'extra.mirostat': 'preset Mirostat (--preset)',
    });
  });

  it('edits leave the input as it was and can clear a key back to the layers below', () => {
    const story = { temperature: 0.9 };
    const next = applyEdit(story, { key: 'extra.dry_multiplier', value: 0.8 });
    expect(story).toEqual({ temperature: 0.9 });
    expect(next).toEqual({ temperature: 0.9, extra: { dry_multiplier: 0.8 } });
    expect(applyEdit(applyEdit(next, { key: 'temperature' }), { key: 'extra.dry_multiplier' })).toEqual({});
    const below = mergeLayers([layers[0], { source: 'story', layer: applyEdit(story, { key: 'temperature' }) }]);
    expect(below.sources.temperature).toBe('preset Big O (profile local)');
  });
});

describe('fitting samplers to an endpoint', () => {
  const all = {
    temperature: 0.8,
    top_p: 0.95,
    top_k: 40,
    min_p: 0.05,
    presence_penalty: 0.1,
    frequency_penalty: 0.2,
    repetition_penalty: 1.1,
    seed: 7,
    max_tokens: 300,
    stop: ['###'],
    extra: { mirostat: 2, logit_bias: { '50256': -100 } },
  };

  it('leaves out what OpenAI refuses and says which, keeping what it takes', () => {
    const fitted = fitSamplers(all, endpointSamplers({ preset: 'openai', baseURL: 'http://127.0.0.1:1/v1' }));
    expect(fitted.body).toEqual({
      temperature: 0.8,
      top_p: 0.95,
      presence_penalty: 0.1,
      frequency_penalty: 0.2,
      seed: 7,
      logit_bias: { '50256': -100 },
    });
    expect(fitted.dropped).toEqual(['top_k', 'min_p', 'repetition_penalty', 'extra.mirostat']);
  });

  it("uses the back end's own names: llama.cpp's repeat_penalty, KoboldCpp's sampler_seed and typical", () => {
    expect(fitSamplers(all, endpointSamplers({ preset: 'llamacpp', baseURL: '' })).body).toMatchObject({
      repeat_penalty: 1.1,
      top_k: 40,
      min_p: 0.05,
      mirostat: 2,
    });
    const kobold = fitSamplers({ ...all, extra: { typical_p: 0.9 } }, endpointSamplers({ preset: 'koboldcpp', baseURL: '' }));
    expect(kobold.body).toMatchObject({ sampler_seed: 7, typical: 0.9, repetition_penalty: 1.1 });
    expect(kobold.dropped).toEqual(['frequency_penalty']);
  });

  it('sends everything to an endpoint no preset describes, by base URL too', () => {
    expect(fitSamplers(all, endpointSamplers({ baseURL: 'http://127.0.0.1:9/v1' })).dropped).toEqual([]);
    expect(endpointSamplers({ baseURL: 'http://localhost:11434/v1' }).name).toBe('Ollama');
  });

  it('every endpoint preset declares what it takes', () => {
    for (const id of ['openai', 'minimax', 'deepseek', 'openrouter', 'ollama', 'lmstudio', 'llamacpp', 'vllm', 'koboldcpp']) {
      expect(findPreset(id)?.samplers, id).toBeDefined();
    }
  });

  it('moves a set seed by the candidate index, so candidates differ but repeat', () => {
    expect(candidateSettings({ seed: 7 }, 2).seed).toBe(9);
    expect(candidateSettings({ temperature: 1 }, 2)).toEqual({ temperature: 1 });
  });
});
