// @ts-check
/**
 * Lint: typescript-eslint with type information (floating promises, exhaustive switches, no
 * assertion the types do not need), the React hooks rules, and the layering of DESIGN.md
 * (scripts/eslint-layers.js), so `npm test` refuses an upward import.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import layers from './scripts/eslint-layers.js';

/** Modules that reach a terminal, the network, processes or the file system. */
const OUTSIDE_WORLD = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'tls',
  'dgram',
  'child_process',
  'readline',
  'tty',
  'worker_threads',
  'cluster',
].flatMap((name) => [name, `node:${name}`]);

/** `no-restricted-imports` paths for packages a layer must not load, with why. */
function refuse(names, why) {
  return names.map((name) => ({ name, message: why }));
}

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'bench/results/', '.skald-home/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { skald: layers },
    rules: {
      'skald/layers': 'error',
      // skald strips control characters from everything it shows: matching them is the point.
      'no-control-regex': 'off',
      // `async` marks a function that keeps a promise-returning contract (an interface, a thrown
      // error that must become a rejection) even when it awaits nothing.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      // An async generator cannot be an arrow function: `self` is how one reaches its Session.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Hooks live in the UI; elsewhere `useProfile` is a verb, not a hook.
    files: ['src/ui/**', 'tests/ui/**', 'tests/hardening/**/*.tsx', 'bench/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The engine is a library: no terminal, network, file system or UI inside it.
    files: ['src/engine/**', 'src/text/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...refuse(OUTSIDE_WORLD, 'The engine is a library: the file system, network and terminal are injected (DESIGN.md).'),
            ...refuse(
              ['ink', 'react', 'chalk', 'commander', 'conf', 'openai'],
              'The engine knows no UI, CLI, config file or SDK; they are injected (DESIGN.md).',
            ),
          ],
        },
      ],
    },
  },
  {
    // The UI only renders and reads keys: files, config and providers come in as services.
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: refuse(
            [...OUTSIDE_WORLD, 'openai', 'conf', 'commander'],
            'The UI only renders and reads keys; it gets files, config and providers as services (src/cli/tui-services.ts).',
          ),
        },
      ],
    },
  },
  {
    // Tests: a thrown TypeError on a missing fixture is a failing test, which is what `!` asks for;
    // records read back from session files and JSON output are `any` by nature.
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', require: 'readonly', global: 'writable', module: 'writable' },
    },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
