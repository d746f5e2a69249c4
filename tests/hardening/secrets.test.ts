/**
 * An API key never leaves the 0600 secrets file: a distinctive key stored in a profile and another
 * in an environment variable are used for real turns against the test server (which even echoes
 * one back in an error), then every file under SKALD_HOME, every export, every listing, stdout
 * and stderr are searched for them. The keys are shaped unlike `sk-...`, so only skald's own
 * bookkeeping of loaded keys can hide them, not the pattern-based fallback.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { runCli } from './helpers.js';

const STORED_KEY = 'skaldTEST-stored-Zq81xPLmW4vN';
const ENV_KEY = 'skaldTEST-env-Hh27wQpeR9tK';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({
    models: ['key-model'],
    behaviour: { content: 'The mill wheel turns once. Wren waits for your answer, lamp in hand.' },
  });
});
afterAll(async () => {
  await server.close();
});

describe('API keys', () => {
  it('appear in no file skald writes but the 0600 secrets file, no export, no output, no diagnostics', async () => {
    const home = mkdtempSync(join(tmpdir(), 'skald-keys-'));
    const env = { SKALD_HOME: home, SKALD_TEST_KEY: ENV_KEY };
    const outputs: Array<{ what: string; text: string }> = [];
    const cli = async (what: string, args: string[], input = '') => {
      const result = await runCli(args, { input, env });
      outputs.push({ what, text: result.stdout + result.stderr });
      return result;
    };

    expect(
      (
        await cli(
          'profiles add (stored)',
          ['profiles', 'add', 'keyed', '--base-url', server.url, '--model', 'key-model', '--api-key-stdin'],
          `${STORED_KEY}\n`,
        )
      ).status,
    ).toBe(0);
    expect(
      (
        await cli('profiles add (env)', [
          'profiles',
          'add',
          'envkeyed',
          '--base-url',
          server.url,
          '--model',
          'key-model',
          '--api-key-env',
          'SKALD_TEST_KEY',
          '--no-use',
        ])
      ).status,
    ).toBe(0);

    // A server error that echoes the key back, as some proxies do, then normal turns.
    server.enqueue(...Array.from({ length: 4 }, () => ({ status: 500, errorMessage: `upstream rejected credentials ${STORED_KEY}` })));
    const before = server.chatRequests().length;
    const stored = await cli(
      'play (stored key)',
      ['play', 'glass-orchard', '--headless', '--candidates', '1', '--seed', '3'],
      'I knock.\nI knock again.\nWho is it?\n/regen\n/memory\n/tree\n',
    );
    expect(stored.status, stored.stderr).toBe(0);
    expect(stored.stdout).toContain('"type":"turn"');
    expect(stored.stdout).toMatch(/"type":"error".*upstream rejected credentials \[redacted\]/);
    const env1 = await cli(
      'play (env key)',
      ['play', 'glass-orchard', '--headless', '--profile', 'envkeyed', '--candidates', '2', '--seed', '3'],
      'Hello.\nAnd then?\n',
    );
    expect(env1.status, env1.stderr).toBe(0);
    const resumed = await cli('play --resume', ['play', '--resume', 'last', '--headless', '--profile', 'envkeyed'], 'Once more.\n');
    expect(resumed.status, resumed.stderr).toBe(0);

    // Both keys really were used on the wire.
    const auth = server
      .chatRequests()
      .slice(before)
      .map((r) => r.headers.authorization);
    expect(auth).toContain(`Bearer ${STORED_KEY}`);
    expect(auth).toContain(`Bearer ${ENV_KEY}`);

    for (const args of [
      ['sessions', 'list'],
      ['sessions', 'list', '--json'],
      ['sessions', 'show', 'last'],
      ['sessions', 'show', 'last', '--json'],
      ['sessions', 'export', 'last', '--format', 'md'],
      ['sessions', 'export', 'last', '--format', 'json'],
      ['profiles', 'list'],
      ['profiles', 'list', '--json'],
      ['config', 'list'],
      ['config', 'list', '--json'],
      ['doctor'],
      ['doctor', '--verbose'],
      ['play', 'no-such-world', '--headless', '--verbose'],
    ]) {
      await cli(args.join(' '), args);
    }
    const exportFile = join(home, 'exported.md');
    await cli('export --out', ['sessions', 'export', 'last', '--format', 'md', '--out', exportFile]);
    expect(statSync(exportFile).size).toBeGreaterThan(100);

    const leaks = outputs.filter((o) => o.text.includes(STORED_KEY) || o.text.includes(ENV_KEY)).map((o) => o.what);
    expect(leaks).toEqual([]);

    const secrets = join(home, 'secrets.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets, 'utf8')).toContain(STORED_KEY);
    const files = filesUnder(home).filter((f) => f !== secrets);
    expect(files.some((f) => f.endsWith('.jsonl'))).toBe(true);
    const leakingFiles = files.filter((f) => {
      const bytes = readFileSync(f);
      return bytes.includes(STORED_KEY) || bytes.includes(ENV_KEY);
    });
    expect(leakingFiles).toEqual([]);
    // The env key is never stored anywhere, secrets file included.
    expect(readFileSync(secrets, 'utf8')).not.toContain(ENV_KEY);
  });
});
