import path from 'node:path';
import { resolveConfig, type KioskConfig } from '../services/app/config.js';
import { voskLibraryPath } from '../services/speech/voskLib.js';
import { createLogger } from '../../core/logger.js';
import type { Mount } from './protocolHandler.js';

const log = createLogger('main');

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
    // Shipped with the models (extraResources), not inside app.asar where APP_ROOT points.
    modelsManifest: path.resolve(env.KIOSK_MODELS_MANIFEST ?? path.join(resources, 'models', 'manifest.json')),
    // koffi dlopen()s by path, which cannot read inside app.asar: the unpacked copy (asarUnpack).
    voskLib: base.voskLib ?? (p.isPackaged ? packagedVoskLib() : null),
  };
}

function packagedVoskLib(): string | null {
  try {
    return unpackedPath(voskLibraryPath());
  } catch (e) {
    log.warn('speech library path unknown on this platform', e);
    return null;
  }
}

/**
 * What app://kiosk/ serves — the same URL layout as the bridge (electron/bridge/startBridge.ts):
 * the compiled renderer, MediaPipe's WASM from node_modules, and the face model. Under appPath
 * means inside app.asar when packaged; Electron's fs reads asar transparently.
 */
export function rendererMounts(appPath: string, modelsDir: string): Mount[] {
  return [
    { prefix: '/', dir: path.join(appPath, 'dist', 'renderer') },
    { prefix: '/vendor/mediapipe/wasm/', dir: path.join(appPath, 'node_modules', '@mediapipe', 'tasks-vision', 'wasm') },
    { prefix: '/models/face/', dir: path.join(modelsDir, 'face') },
  ];
}

/**
 * A path inside app.asar as its unpacked twin (electron-builder asarUnpack). Needed for libraries
 * opened with dlopen (koffi → libvosk), which bypasses Electron's asar file system.
 */
export const unpackedPath = (p: string): string => p.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
