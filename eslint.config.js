import fs from 'node:fs';
import path from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * The folder map and its layering (docs/architecture.md, CONVENTIONS.md):
 *  - core/ is platform-neutral code the kiosk and head office share: it imports only core/**
 *    (plus Node built-ins and production dependencies), never 'electron'.
 *  - headoffice/ imports only core/** and headoffice/** (nothing under electron/, models/, tools/ …).
 *  - services never import 'electron', main, the bridge, the CLI or tools/; main never imports the
 *    bridge or tools/.
 *  - electron/shared (the renderer contract) is pure: no Node built-ins, no services/main/bridge.
 *  - the renderer imports only renderer/**, electron/shared/** and core/** (no Node built-ins);
 *    what it reaches in core must type-check without Node types (tsconfig.renderer.json).
 *  - production code (core, electron, headoffice) imports no devDependency at run time.
 */
const ROOT = import.meta.dirname;
const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads', 'zlib', 'stream', 'url', 'util', 'events', 'buffer'];
const NO_ELECTRON = { name: 'electron', message: 'core/services/shared/headoffice must not import electron: keep it in electron/main.' };

/**
 * devDependencies are left out of the packaged kiosk and of head office's `npm ci --omit=dev`, so
 * production code may not import them at run time (type-only imports are erased and allowed).
 * 'electron' is a devDependency that electron-builder provides; the layering rules handle it.
 * tests/unit/lint/productionDeps.test.ts checks package.json from the other side.
 */
const DEV_DEPENDENCIES = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies ?? {}).filter((n) => n !== 'electron');
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NO_DEV_DEPENDENCIES = [
  'error',
  {
    patterns: [
      {
        regex: `^(?:${DEV_DEPENDENCIES.map(escapeRe).join('|')})(?:/.*)?$`,
        allowTypeImports: true,
        message: 'A devDependency: production code may not import it at run time (make it a dependency, or keep the code in tools/ or tests/).',
      },
    ],
  },
];

/**
 * layers/only-from: every relative import must resolve inside one of `roots` (folders relative to
 * the repository). An allow-list, so a new top-level folder is outside until it is added here.
 */
const layers = {
  rules: {
    'only-from': {
      meta: {
        type: 'problem',
        schema: [{ type: 'object', properties: { roots: { type: 'array', items: { type: 'string' } }, message: { type: 'string' } }, required: ['roots', 'message'], additionalProperties: false }],
      },
      create(context) {
        const { roots, message } = context.options[0];
        const check = (source) => {
          if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const target = path
            .relative(ROOT, path.resolve(path.dirname(context.filename), source.value.replace(/\?.*$/, '')))
            .split(path.sep)
            .join('/');
          if (roots.some((r) => target === r || target.startsWith(`${r}/`))) return;
          context.report({ node: source, message: `${message} Imports ${target}.` });
        };
        return {
          ImportDeclaration: (n) => check(n.source),
          ExportNamedDeclaration: (n) => check(n.source),
          ExportAllDeclaration: (n) => check(n.source),
          ImportExpression: (n) => check(n.source),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'tests/artifacts/**', 'models/vosk/**', '.kiosk-data/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.cts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin, layers },
    rules: {
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The core: platform-neutral, shared by the kiosk and head office; depends on nothing of theirs.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
      'layers/only-from': [
        'error',
        { roots: ['core'], message: 'core/ is shared by the kiosk and head office: it imports only core/** (no electron/, headoffice/, renderer/, tools/, tests/, bench/ …).' },
      ],
    },
  },
  {
    // Head office runs without the kiosk: the core and its own files only.
    files: ['headoffice/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }],
      'layers/only-from': ['error', { roots: ['core', 'headoffice'], message: 'Head office imports only core/** and headoffice/** (shared code belongs in core/, not electron/).' }],
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
          paths: [NO_ELECTRON],
          patterns: [
            {
              group: ['**/main/**', '**/bridge/**', '**/cli/**', '**/tools/**', '**/headoffice/**'],
              message: 'Services are used by main, the bridge and the CLI, never the other way round; test tooling lives in tools/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/bridge/**', '**/tools/**', '**/headoffice/**'], message: 'Electron main does not use the browser-kiosk bridge, test tooling or head office.' }] },
      ],
    },
  },
  {
    // The renderer contract: pure (no Electron, no Node built-ins), nothing from the kiosk's layers.
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ELECTRON, ...nodeBuiltins.flatMap((m) => [m, `node:${m}`])],
          patterns: [{ group: ['**/services/**', '**/main/**', '**/bridge/**', '**/preload/**'], message: 'electron/shared is pure: it imports nothing from other layers.' }],
        },
      ],
      'layers/only-from': ['error', { roots: ['electron/shared', 'core'], message: 'electron/shared imports only electron/shared/** and core/**.' }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', ...nodeBuiltins.flatMap((m) => [m, `node:${m}`])] }],
      'layers/only-from': ['error', { roots: ['renderer', 'electron/shared', 'core'], message: 'The renderer may import only renderer/**, electron/shared/** and core/**.' }],
    },
  },
  {
    // Production code: what ships in the kiosk or runs at head office.
    files: ['core/**/*.ts', 'electron/**/*.ts', 'electron/**/*.cts', 'headoffice/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': NO_DEV_DEPENDENCIES },
  },
  {
    files: ['core/**/*.ts', 'electron/services/**/*.ts', 'electron/bridge/**/*.ts', 'headoffice/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
);
