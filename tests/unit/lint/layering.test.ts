import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const eslint = new ESLint({ cwd: root });
const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: path.join(root, file) }))[0]!.messages.map((m) => m.ruleId);

describe('layering lint rule', () => {
  it('fails when a service imports electron', async () => {
    expect(await lint('electron/services/db/x.ts', `import { app } from 'electron';\nexport const a = app;\n`)).toContain('no-restricted-imports');
  });
  it('fails when the renderer imports Node code or services', async () => {
    expect(await lint('renderer/applicant/X.ts', `import fs from 'node:fs';\nexport const a = fs;\n`)).toContain('no-restricted-imports');
    expect(await lint('renderer/applicant/X.ts', `import { openDatabase } from '../../electron/services/db/openDatabase';\nexport const a = openDatabase;\n`)).toContain('no-restricted-imports');
  });
  it('allows the renderer to import the shared contract', async () => {
    expect(await lint('renderer/applicant/X.ts', `import { contract } from '../../electron/shared/contract/index';\nexport const a = contract;\n`)).toEqual([]);
  });
  it('fails when a service imports the bridge, main or test tooling', async () => {
    expect(await lint('electron/services/db/x.ts', `import { startBridge } from '../../bridge/startBridge.js';\nexport const a = startBridge;\n`)).toContain('no-restricted-imports');
    expect(await lint('electron/services/db/x.ts', `import { openHarness } from '../../../tools/face/runHarness.js';\nexport const a = openHarness;\n`)).toContain('no-restricted-imports');
    expect(await lint('electron/services/db/x.ts', `import { test } from '@playwright/test';\nexport const a = test;\n`)).toContain('no-restricted-imports');
    expect(await lint('electron/main/x.ts', `import { createStaticHandler } from '../bridge/startBridge.js';\nexport const a = createStaticHandler;\n`)).toContain('no-restricted-imports');
  });
  it('lets head office import only the listed kiosk services, and no kiosk app layer', async () => {
    expect(await lint('headoffice/x.ts', `import { ulid } from '../electron/services/util/ids.js';\nexport const a = ulid;\n`)).toEqual([]);
    expect(await lint('headoffice/x.ts', `import { openDatabase } from '../electron/services/db/openDatabase.js';\nexport const a = openDatabase;\n`)).toContain('no-restricted-imports');
    expect(await lint('headoffice/x.ts', `import { electronKioskConfig } from '../electron/main/kioskConfig.js';\nexport const a = electronKioskConfig;\n`)).toContain('no-restricted-imports');
  });
  it('keeps electron/shared pure', async () => {
    expect(await lint('electron/shared/x.ts', `import fs from 'node:fs';\nexport const a = fs;\n`)).toContain('no-restricted-imports');
  });
});
