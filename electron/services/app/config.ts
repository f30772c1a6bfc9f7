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
  /** Background sync loop (KIOSK_SYNC=off: none, e.g. in e2e tests; sync:now still works). */
  sync: boolean;
  /** Daily retention job (KIOSK_RETENTION=off: none; tests that drive it themselves). */
  retentionJob: boolean;
  /** libvosk to load instead of the vosk package's (a packaged app's unpacked copy), or null. */
  voskLib: string | null;
  /** Speech model per language from KIOSK_SPEECH_MODEL_<LANG> (a model name or a folder); settings still win. */
  speechModels: Record<string, string>;
};

/**
 * Where idleSeconds may be: a whole number of seconds, at most an hour (a person who left must
 * not stay on screen). Below 30 s is for test rigs (the idle e2e uses 3 s), not for a store.
 */
export const IDLE_SECONDS_RANGE = { min: 1, max: 3600 } as const;

function idleSecondsFrom(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 90;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < IDLE_SECONDS_RANGE.min || n > IDLE_SECONDS_RANGE.max) {
    throw new Error(`KIOSK_IDLE_SECONDS must be a whole number of seconds from ${IDLE_SECONDS_RANGE.min} to ${IDLE_SECONDS_RANGE.max}; it is "${raw}".`);
  }
  return n;
}

const SPEECH_MODEL_ENV = /^KIOSK_SPEECH_MODEL_([A-Z0-9_]+)$/;
/** KIOSK_SPEECH_MODEL_ZH_CN → zh-CN, KIOSK_SPEECH_MODEL_EN → en (the kiosk's language tags). */
const langOfEnvKey = (suffix: string): string => {
  const [base, region] = suffix.split('_');
  return region ? `${base!.toLowerCase()}-${region.toUpperCase()}` : base!.toLowerCase();
};

/**
 * Embedded defaults: everything under .kiosk-data/ in the app folder, the sample packs from
 * resources/packs, models from models/. Each can be moved with an environment variable. This is
 * the one place the kiosk's services get their switches from: resolved once at start and passed
 * down (no service reads process.env).
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
    idleSeconds: idleSecondsFrom(env.KIOSK_IDLE_SECONDS),
    sync: env.KIOSK_SYNC !== 'off',
    retentionJob: env.KIOSK_RETENTION !== 'off',
    voskLib: env.KIOSK_VOSK_LIB ? path.resolve(env.KIOSK_VOSK_LIB) : null,
    speechModels: Object.fromEntries(
      Object.entries(env).flatMap(([k, v]) => {
        const m = SPEECH_MODEL_ENV.exec(k);
        return m && v ? [[langOfEnvKey(m[1]!), v]] : [];
      }),
    ),
  };
}
