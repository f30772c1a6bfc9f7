import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository (or, when packaged, app resources) root. */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type KioskConfig = {
  dataDir: string;
  dbFile: string;
  keyFile: string;
  packsDir: string;
  modelsDir: string;
  /**
   * The list of known models (models/manifest.json). Its own path, not derived from APP_ROOT at
   * the point of use: packaged, APP_ROOT is inside app.asar while electron-builder ships the
   * manifest beside it in resources/models (electron/main/kioskConfig.ts).
   */
  modelsManifest: string;
  /** Seconds without a touch before "are you still there?"; the reset follows 30 s later. */
  idleSeconds: number;
};

/**
 * Embedded defaults: everything under .kiosk-data/ in the app folder, the sample packs from
 * resources/packs, models from models/. Each can be moved with an environment variable.
 */
export function resolveConfig(env: NodeJS.ProcessEnv = process.env): KioskConfig {
  const dataDir = path.resolve(env.KIOSK_DATA_DIR ?? path.join(APP_ROOT, '.kiosk-data'));
  return {
    dataDir,
    dbFile: path.join(dataDir, 'kiosk.db'),
    keyFile: path.join(dataDir, 'kiosk.key'),
    packsDir: path.resolve(env.KIOSK_PACKS_DIR ?? path.join(APP_ROOT, 'resources', 'packs')),
    modelsDir: path.resolve(env.KIOSK_MODELS_DIR ?? path.join(APP_ROOT, 'models')),
    modelsManifest: path.resolve(env.KIOSK_MODELS_MANIFEST ?? path.join(APP_ROOT, 'models', 'manifest.json')),
    idleSeconds: Number(env.KIOSK_IDLE_SECONDS ?? 90),
  };
}
