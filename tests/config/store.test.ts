import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConfig } from '../../src/config/store.js';
import { readSettings, setSetting } from '../../src/config/settings.js';
import { listProfiles } from '../../src/config/profiles.js';

const freshHome = () => ({ ...process.env, SKALD_HOME: mkdtempSync(join(tmpdir(), 'skald-test-store-')) });

describe('config.json', () => {
  it('is not created by reading it', () => {
    const env = freshHome();
    expect(readSettings(env).candidates).toBe(3);
    expect(listProfiles(env)).toEqual({});
    expect(readdirSync(env.SKALD_HOME)).toEqual([]);
  });

  it('is written whole as conf wrote it: tab-indented, defaults filled in, owner only, no temporary file left', () => {
    const env = freshHome();
    setSetting('debugPane', true, env);
    const file = join(env.SKALD_HOME, 'config.json');
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(JSON.stringify({ candidates: 3, contextBudget: 8192, debugPane: true, profiles: {} }, undefined, '\t'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(env.SKALD_HOME)).toEqual(['config.json']);
  });

  it('keeps keys it does not know and a "__proto__" key as plain keys', () => {
    const env = freshHome();
    const file = join(env.SKALD_HOME, 'config.json');
    writeFileSync(file, '{"candidates": 5, "personas": {"Ash": {"name": "Ash", "description": ""}}, "__proto__": {"debugPane": true}}');
    expect(readSettings(env)).toMatchObject({ candidates: 5, debugPane: false });
    openConfig(env).set('contextBudget', 4096);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(stored.candidates).toBe(5);
    expect(stored.contextBudget).toBe(4096);
    expect(stored.personas).toEqual({ Ash: { name: 'Ash', description: '' } });
    expect(Object.getOwnPropertyNames(stored)).toContain('__proto__');
  });

  it('says a data folder that is a file cannot be used, on read and on write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skald-test-store-'));
    writeFileSync(join(dir, 'home'), 'not a folder');
    const env = { ...process.env, SKALD_HOME: join(dir, 'home') };
    expect(() => readSettings(env)).toThrow(/Cannot use the data folder .* \(it, or a part of its path, is a file\)/);
    expect(() => setSetting('candidates', 2, env)).toThrow(/Cannot use the data folder/);
  });
});
