import tseslint from 'typescript-eslint';

/**
 * Layering (CONVENTIONS.md): services never import 'electron'; the renderer imports only
 * renderer/** and electron/shared/** (no Node built-ins, no services, no main/bridge).
 */
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads', 'zlib', 'stream', 'url', 'util', 'events', 'buffer'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'tests/artifacts/**', 'models/vosk/**', '.kiosk-data/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/shared/**/*.ts', 'headoffice/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'services/shared/headoffice must not import electron: keep it in electron/main.' }] }],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins.flatMap((m) => [m, `node:${m}`])],
          patterns: [{ group: ['**/services/**', '**/main/**', '**/bridge/**', '**/preload/**'], message: 'electron/shared is pure: it imports nothing from other layers.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins.flatMap((m) => [m, `node:${m}`])],
          patterns: [
            {
              group: ['**/electron/services/**', '**/electron/main/**', '**/electron/bridge/**', '**/electron/preload/**', '**/electron/cli/**', '**/headoffice/**'],
              message: 'The renderer may import only renderer/** and electron/shared/**.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/bridge/**/*.ts', 'headoffice/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
);
