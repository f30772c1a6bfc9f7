import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestVersion } from '../../../electron/services/db/migrations/index.js';
import { hasPlainSqliteHeader } from '../../../electron/services/db/openDatabase.js';
import { ROOT, tempKiosk } from '../helpers/tempKiosk.js';

const kiosk = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/kiosk.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });

describe('kiosk db info', () => {
  it('reports schema version, counts and that the file is encrypted', async () => {
    const app = tempKiosk();
    app.db.prepare(`INSERT INTO settings (key, value) VALUES ('store.name', 'x')`).run();
    const dataDir = app.config.dataDir;
    await app.close();
    expect(hasPlainSqliteHeader(path.join(dataDir, 'kiosk.db'))).toBe(false);
    const r = kiosk(dataDir, 'db', 'info');
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout) as { encrypted: boolean; schemaVersion: number; counts: Record<string, number> };
    expect(info).toMatchObject({ encrypted: true, schemaVersion: latestVersion() });
    expect(info.counts.settings).toBe(1);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says plainly when there is no database yet', () => {
    const r = kiosk(fs.mkdtempSync('/tmp/kiosk-empty-'), 'db', 'info');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No kiosk database');
  });
});
