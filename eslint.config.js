import tseslint from 'typescript-eslint';

/**
 * Layering (CONVENTIONS.md): services never import 'electron', main, the bridge, the CLI or
 * tools/; main never imports the bridge or tools/; head office imports no kiosk app layer and
 * only the listed kiosk services; electron/shared is pure; the renderer imports only renderer/**
 * and electron/shared/** (no Node built-ins, no services, no main/bridge).
 */
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads', 'zlib', 'stream', 'url', 'util', 'events', 'buffer'];
const NO_ELECTRON = { name: 'electron', message: 'services/shared/headoffice must not import electron: keep it in electron/main.' };
/** Development tools never imported by code that ships (tests/unit/lint/productionDeps.test.ts checks package.json too). */
const TOOLING = ['@playwright/test', 'playwright', 'vite', 'vitest'].map((name) => ({ name, message: 'A development tool: production code may not import it.' }));
/** The kiosk services head office still imports (issue 15 §2 moves them into a neutral core). */
const HEADOFFICE_MAY_IMPORT = [
  'util/logger.js', 'util/ids.js', 'sync/protocol.js', 'sync/sealedBox.js', 'sync/exportBatches.js',
  'scoring/weightsFile.js', 'scoring/refit.js', 'scoring/explain.js', 'scoring/policy.js', 'scoring/onnxMetadata.js', 'scoring/model.js', 'scoring/interviewInput.js', 'scoring/features.js',
  'app/config.js', 'packs/loadPacks.js', 'auth/recoveryCode.js', 'auth/pinHash.js',
];

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
    // Services: no Electron, and nothing from the layers that use them (main, the bridge, the CLI)
    // or from test tooling (tools/: the face harness, the Chromium finder).
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON, ...TOOLING],
          patterns: [{ group: ['**/main/**', '**/bridge/**', '**/cli/**', '**/tools/**'], message: 'Services are used by main, the bridge and the CLI, never the other way round; test tooling lives in tools/.' }],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: TOOLING, patterns: [{ group: ['**/bridge/**', '**/tools/**'], message: 'Electron main does not use the browser-kiosk bridge or test tooling.' }] }],
    },
  },
  {
    // Head office imports no kiosk internals beyond these (issue 15 §2: they are what a neutral
    // core shared by both sides must take over). A new import of a kiosk service fails here.
    files: ['headoffice/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON, ...TOOLING],
          patterns: [
            { group: ['**/electron/main/**', '**/electron/bridge/**', '**/electron/cli/**', '**/electron/preload/**', '**/tools/**'], message: 'Head office runs without the kiosk app: no main, bridge, CLI, preload or test tooling.' },
            { group: ['**/electron/services/**/*.js', ...HEADOFFICE_MAY_IMPORT.map((m) => `!**/electron/services/${m}`)], message: 'Head office may not import this kiosk service (see HEADOFFICE_MAY_IMPORT in eslint.config.js).' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
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
