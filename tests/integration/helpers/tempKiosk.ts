import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig, type KioskConfig } from '../../../electron/services/app/config.js';
import { createKioskApp, type KioskApp, type KioskAppOptions } from '../../../electron/services/app/createKioskApp.js';
import type { Profile } from '../../../electron/shared/contract/interview.js';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
export const FOUNDATION_PACKS = path.join(ROOT, 'tests', 'fixtures', 'foundation', 'packs');

/** A real kiosk (real encrypted SQLite file, real migrations) in a fresh temp dir. */
export function tempConfig(overrides: Partial<KioskConfig> = {}): KioskConfig {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-it-'));
  return { ...resolveConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_PACKS_DIR: FOUNDATION_PACKS }), ...overrides };
}

export function tempKiosk(overrides: Partial<KioskConfig> = {}, opts: KioskAppOptions = {}): KioskApp & { cleanup(): Promise<void> } {
  const config = tempConfig(overrides);
  const app = createKioskApp(config, opts);
  return Object.assign(app, {
    async cleanup() {
      await app.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  });
}

export const PROFILE: Profile = {
  name: '张小明',
  mobile: '13812345678',
  availability: ['sat-morning', 'sun-afternoon', 'mon-evening'],
  industries: ['retail'],
  expectedWageYuan: 24,
  earliestStart: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
};
