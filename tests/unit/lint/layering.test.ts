import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folder map's lint rules (eslint.config.js, docs/architecture.md), each shown to fire on a
 * snippet that breaks it and to stay quiet on one that keeps it. The snippets are linted as if
 * they were files at the given paths; nothing is written.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const eslint = new ESLint({ cwd: root });
const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: path.join(root, file) }))[0]!.messages.map((m) => m.ruleId);
const use = (line: string, name: string) => `${line}\nexport const a = ${name};\n`;

describe('core/: shared by kiosk and head office, depends on neither', () => {
  it('may import core, Node built-ins and production dependencies', async () => {
    expect(await lint('core/sync/x.ts', use(`import { ulid } from '../ids.js';`, 'ulid'))).toEqual([]);
    expect(await lint('core/sync/x.ts', use(`import crypto from 'node:crypto';`, 'crypto'))).toEqual([]);
    expect(await lint('core/sync/x.ts', use(`import { z } from 'zod';`, 'z'))).toEqual([]);
  });
  it('fails on electron, and on anything from electron/, headoffice/, renderer/, tools/, tests/ or bench/', async () => {
    expect(await lint('core/x.ts', use(`import { app } from 'electron';`, 'app'))).toContain('no-restricted-imports');
    for (const spec of [
      '../electron/services/db/openDatabase.js',
      '../electron/shared/contract/index.js',
      '../headoffice/ingest.js',
      '../renderer/api/client.js',
      '../tools/face/runHarness.js',
      '../tests/integration/sync/harness.js',
      '../bench/run.js',
      '../models/scoring/build.js',
    ]) {
      expect(await lint('core/x.ts', use(`import { f } from '${spec}';`, 'f'))).toContain('layers/only-from');
    }
    expect(await lint('core/scoring/x.ts', `export { f } from '../../electron/services/scoring/scoreStore.js';\n`)).toContain('layers/only-from');
    expect(await lint('core/scoring/x.ts', `export const f = () => import('../../headoffice/ingest.js');\n`)).toContain('layers/only-from');
  });
});

describe('head office: core/** and its own files only', () => {
  it('may import the core and head office', async () => {
    expect(await lint('headoffice/fairness/x.ts', use(`import { ulid } from '../../core/ids.js';`, 'ulid'))).toEqual([]);
    expect(await lint('headoffice/fairness/x.ts', use(`import { packFor } from './samples.js';`, 'packFor'))).toEqual([]);
  });
  it('fails on any kiosk module (services, shared contract, main, config), models/scoring and tools', async () => {
    for (const spec of [
      '../electron/services/db/openDatabase.js',
      '../electron/services/app/config.js',
      '../electron/shared/contract/index.js',
      '../electron/main/kioskConfig.js',
      '../models/scoring/build.js',
      '../tools/face/runHarness.js',
      '../renderer/api/client.js',
    ]) {
      expect(await lint('headoffice/x.ts', use(`import { f } from '${spec}';`, 'f'))).toContain('layers/only-from');
    }
    expect(await lint('headoffice/x.ts', use(`import { app } from 'electron';`, 'app'))).toContain('no-restricted-imports');
  });
});

describe('the kiosk', () => {
  it('fails when a service imports electron', async () => {
    expect(await lint('electron/services/db/x.ts', use(`import { app } from 'electron';`, 'app'))).toContain('no-restricted-imports');
  });
  it('fails when a service imports the bridge, main, head office or test tooling', async () => {
    expect(await lint('electron/services/db/x.ts', use(`import { startBridge } from '../../bridge/startBridge.js';`, 'startBridge'))).toContain('no-restricted-imports');
    expect(await lint('electron/services/db/x.ts', use(`import { openHarness } from '../../../tools/face/runHarness.js';`, 'openHarness'))).toContain('no-restricted-imports');
    expect(await lint('electron/services/db/x.ts', use(`import { ingest } from '../../../headoffice/ingest.js';`, 'ingest'))).toContain('no-restricted-imports');
    expect(await lint('electron/main/x.ts', use(`import { createStaticHandler } from '../bridge/startBridge.js';`, 'createStaticHandler'))).toContain('no-restricted-imports');
  });
  it('lets services and main use the core', async () => {
    expect(await lint('electron/services/db/x.ts', use(`import { ulid } from '../../../core/ids.js';`, 'ulid'))).toEqual([]);
    expect(await lint('electron/main/x.ts', use(`import { ErrorCode } from '../../core/errors.js';`, 'ErrorCode'))).toEqual([]);
  });
  it('keeps electron/shared pure: no Node built-ins, nothing but electron/shared and core', async () => {
    expect(await lint('electron/shared/x.ts', use(`import fs from 'node:fs';`, 'fs'))).toContain('no-restricted-imports');
    expect(await lint('electron/shared/contract/x.ts', use(`import { ulid } from '../../services/util/ids.js';`, 'ulid'))).toContain('no-restricted-imports');
    expect(await lint('electron/shared/contract/x.ts', use(`import { ingest } from '../../../headoffice/ingest.js';`, 'ingest'))).toContain('layers/only-from');
    expect(await lint('electron/shared/contract/x.ts', use(`import { Lang } from '../../../core/packs/packSchema.js';`, 'Lang'))).toEqual([]);
  });
});

describe('the renderer: renderer/**, electron/shared/** and core/**, no Node', () => {
  it('fails on Node built-ins, services, head office or tools', async () => {
    expect(await lint('renderer/applicant/X.ts', use(`import fs from 'node:fs';`, 'fs'))).toContain('no-restricted-imports');
    expect(await lint('renderer/applicant/X.ts', use(`import { openDatabase } from '../../electron/services/db/openDatabase';`, 'openDatabase'))).toContain('layers/only-from');
    expect(await lint('renderer/applicant/X.ts', use(`import { ingest } from '../../headoffice/ingest';`, 'ingest'))).toContain('layers/only-from');
  });
  it('allows the shared contract and the core', async () => {
    expect(await lint('renderer/applicant/X.ts', use(`import { contract } from '../../electron/shared/contract/index';`, 'contract'))).toEqual([]);
    expect(await lint('renderer/applicant/X.ts', use(`import { ErrorCode } from '../../core/errors';`, 'ErrorCode'))).toEqual([]);
  });
});

describe('production code imports no devDependency at run time', () => {
  const rule = '@typescript-eslint/no-restricted-imports';
  it('fails in core, services, main and head office; a subpath counts too', async () => {
    expect(await lint('core/x.ts', use(`import { test } from '@playwright/test';`, 'test'))).toContain(rule);
    expect(await lint('electron/services/db/x.ts', use(`import { test } from '@playwright/test';`, 'test'))).toContain(rule);
    expect(await lint('electron/main/x.ts', use(`import { pinyin } from 'pinyin-pro';`, 'pinyin'))).toContain(rule);
    expect(await lint('headoffice/x.ts', use(`import { defineConfig } from 'vitest/config';`, 'defineConfig'))).toContain(rule);
  });
  it('allows type-only imports, production dependencies, and devDependencies in tests and tools', async () => {
    expect(await lint('core/x.ts', `import type { Page } from '@playwright/test';\nexport type P = Page;\n`)).toEqual([]);
    expect(await lint('headoffice/x.ts', use(`import Fastify from 'fastify';`, 'Fastify'))).toEqual([]);
    expect(await lint('tests/unit/x.test.ts', use(`import { expect } from 'vitest';`, 'expect'))).toEqual([]);
    expect(await lint('tools/face/x.ts', use(`import { chromium } from '@playwright/test';`, 'chromium'))).toEqual([]);
  });
});
