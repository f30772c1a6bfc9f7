import path from 'node:path';
import { resolveConfig, type KioskConfig } from '../services/app/config.js';

export type ElectronPaths = {
  /** app.getPath('userData'): per-user, writable, survives updates. */
  userData: string;
  /** process.resourcesPath: where electron-builder puts extraResources (models/, packs/). */
  resourcesPath: string;
  /** app.getAppPath(): the repository root in development, app.asar when packaged. */
  appPath: string;
  isPackaged: boolean;
};

/**
 * Electron's KioskConfig. Packaged: data in userData, models and packs from the installer's
 * resources folder (electron-builder.yml extraResources). Development: the repository's folders.
 * The environment variables of resolveConfig still win, so a test rig can move everything.
 */
export function electronKioskConfig(p: ElectronPaths, env: NodeJS.ProcessEnv = process.env): KioskConfig {
  const base = resolveConfig(env);
  const dataDir = path.resolve(env.KIOSK_DATA_DIR ?? p.userData);
  const resources = p.isPackaged ? p.resourcesPath : p.appPath;
  return {
    ...base,
    dataDir,
    dbFile: path.join(dataDir, 'kiosk.db'),
    keyFile: path.join(dataDir, 'kiosk.key.enc'),
    packsDir: path.resolve(env.KIOSK_PACKS_DIR ?? (p.isPackaged ? path.join(resources, 'packs') : path.join(resources, 'resources', 'packs'))),
    modelsDir: path.resolve(env.KIOSK_MODELS_DIR ?? path.join(resources, 'models')),
  };
}

/** Compiled renderer: <appPath>/dist/renderer (inside app.asar when packaged; Electron reads asar transparently). */
export const rendererRoot = (appPath: string): string => path.join(appPath, 'dist', 'renderer');
