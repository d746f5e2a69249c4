/**
 * Every error a player sees is a sentence: it starts with a capital letter (or with the name it is
 * about, quoted or as given) and it is one line. Walked twice: over the source, every message an
 * error the CLI prints is thrown with, every provider failure and every doctor fix; and through
 * the built binary, a few errors of each kind as a player meets them.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProfile } from '../../src/config/profiles.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { closedPort } from '../support/ports.js';
import { runCli } from '../hardening/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Errors whose message reaches the player as it is thrown (the CLI wraps the non-Skald ones in an InputError). */
const MESSAGE_ARG: Readonly<Record<string, number>> = {
  SkaldError: 0,
  InputError: 0,
  UsageError: 0,
  SessionError: 0,
  SessionLoadError: 0,
  StChatError: 0,
  EvalFileError: 0,
  InstallRefused: 0,
  ImportError: 1,
};
const DIRS = ['src/cli', 'src/config', 'src/store', 'src/world', 'src/providers', 'src/eval', 'src/engine/session'];

/** A sentence starts with a capital letter, or with a quoted name ("x" ...). */
const SENTENCE_START = /^[\p{Lu}"]/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(root, dir, f));
}

/**
 * The text a message expression starts with: every branch of a conditional, the head of a
 * template. A template that starts with a value (a file name, a flag the player typed, a sentence
 * made elsewhere) or a message that is a variable is left to where that value is written.
 */
function starts(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return starts(node.expression);
  if (ts.isConditionalExpression(node)) return [...starts(node.whenTrue), ...starts(node.whenFalse)];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return node.head.text ? [node.head.text] : [];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return starts(node.left);
  return [];
}

interface Message {
  where: string;
  text: string;
}

/** The messages of thrown errors, provider failures (`failure(kind, message)`, `{ kind, message }`, `...Message()`) and doctor fixes. */
function messages(): Message[] {
  const found: Message[] = [];
  for (const file of DIRS.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const doctor = /doctor[^/]*\.ts$/.test(file);
    const provider = file.includes('/src/providers/');
    const add = (node: ts.Expression) => {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      for (const text of starts(node)) found.push({ where: `${relative(root, file)}:${line}`, text });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in MESSAGE_ARG) {
        const arg = node.arguments?.[MESSAGE_ARG[node.expression.text]];
        if (arg) add(arg);
      }
      if (provider && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'failure') {
        const arg = node.arguments[1];
        if (arg) add(arg);
      }
      // The sentences a provider builds for a failure: authMessage, refusedMessage and the like.
      if (provider && ts.isReturnStatement(node) && node.expression) {
        const fn = ts.findAncestor(node, ts.isFunctionDeclaration);
        if (fn?.name && /Message$/.test(fn.name.text)) add(node.expression);
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
        const key = node.name.text;
        const failureObject =
          provider &&
          key === 'message' &&
          ts.isObjectLiteralExpression(node.parent) &&
          node.parent.properties.some((p) => p.name?.getText() === 'kind');
        if ((doctor && key === 'fix') || failureObject) add(node.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('the messages errors are thrown with', () => {
  it('start a sentence: a capital letter or a quoted name', () => {
    const all = messages();
    // The walk finds the messages at all: the CLI alone throws dozens.
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((m) => !SENTENCE_START.test(m.text)).map((m) => `${m.where}: ${m.text}`)).toEqual([]);
    expect(all.filter((m) => m.text.includes('\n')).map((m) => m.where)).toEqual([]);
  });
});

const freshHome = () => mkdtempSync(join(tmpdir(), 'skald-test-wording-'));

describe('errors as the player meets them', () => {
  it('are one line after `skald:`, starting with a capital letter', async () => {
    const cases: string[][] = [
      ['wrolds', 'list'],
      ['worlds', 'no-such-command'],
      ['play', '--no-such-option'],
      ['config', 'set', 'contextBudjet', '9000'],
      ['profiles', 'use', 'nope'],
      ['sessions', 'rm', 'last'],
      ['critique', '--world', 'glass-orchard', '--corpus', 'cases.jsonl'],
      ['play', 'no-such-world', '--headless'],
    ];
    const home = freshHome();
    for (const args of cases) {
      const run = await runCli(args, { env: { SKALD_HOME: home } });
      expect(run.status, args.join(' ')).not.toBe(0);
      expect(run.stderr, args.join(' ')).toMatch(/^skald: \p{Lu}[^\n]*\n$/u);
    }
  });
});

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({ models: ['story-model'] });
});
afterAll(async () => {
  await server.close();
});

describe("the doctor's fixes", () => {
  it('are sentences, whatever failed', async () => {
    const home = freshHome();
    const env = { SKALD_HOME: home };
    addProfile('gone', { baseURL: `http://127.0.0.1:${await closedPort()}/v1`, model: 'x' }, env);
    addProfile('typo', { baseURL: server.url, model: 'story-modle', apiKeyEnv: 'WORDING_NO_SUCH_KEY' }, env);
    const file = join(freshHome(), 'a-file');
    writeFileSync(file, 'x');
    const runs = [
      await runCli(['doctor', '--profile', 'gone'], { env }),
      await runCli(['doctor', '--profile', 'typo'], { env }),
      await runCli(['doctor', '--profile', 'typo', '--api', 'completions'], { env }),
      await runCli(['doctor'], { env: { SKALD_HOME: file } }),
    ];
    const fixes = runs.flatMap((run) => run.stdout.split('\n').filter((line) => line.startsWith('    fix: ')));
    // No key, a closed port, a model not served, no template, a data folder that is a file.
    expect(fixes.length).toBeGreaterThanOrEqual(5);
    expect(fixes.filter((line) => !/^ {4}fix: \p{Lu}/u.test(line))).toEqual([]);
  });
});
