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
  it('keeps electron/shared pure', async () => {
    expect(await lint('electron/shared/x.ts', `import fs from 'node:fs';\nexport const a = fs;\n`)).toContain('no-restricted-imports');
  });
});
