import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';

/**
 * Issue 15 §3: the kiosk as electron-builder lays it out (`--dir`, asar off so plain Node can
 * read it; electron-builder.yml's `files` and `extraResources`), started under Node from inside
 * that folder with the same compiled code Electron main runs (tsconfig.electron.json), through
 * electronKioskConfig with isPackaged = true. Electron itself cannot run here; everything it
 * would hand the services (paths, the key) is given the same way main.ts gives it.
 *
 * Before the fix the models manifest was read from APP_ROOT/models — inside the app folder,
 * where the installer ships no models — so a packaged kiosk started with speech silently off.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-packaged-'));
const resources = path.join(work, 'resources');
const appDir = path.join(resources, 'app');
let result: Record<string, unknown>;

function copy(from: string, to: string, filter: (rel: string) => boolean = () => true) {
  for (const e of fs.readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const abs = path.join(e.parentPath, e.name);
    const rel = path.relative(from, abs);
    if (!filter(rel)) continue;
    fs.mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
    fs.copyFileSync(abs, path.join(to, rel));
  }
}

/** electron-builder.yml `files` entries for compiled code (dist-electron/<folder>/, every .js or .cjs below it); an entry of another shape fails. */
function shippedCompiled(): { folder: string; ext: string }[] {
  const files = (yaml.load(fs.readFileSync(path.join(APP_ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[] }).files;
  return files
    .filter((f) => f.startsWith('dist-electron/'))
    .map((f) => {
      const m = /^dist-electron\/([\w/-]+)\/\*\*\/\*(\.c?js)$/.exec(f);
      if (!m) throw new Error(`electron-builder.yml files entry "${f}" has a shape this test does not understand`);
      return { folder: m[1]!, ext: m[2]! };
    });
}

beforeAll(() => {
  // app/: package.json, the compiled main process and services, the renderer build, node_modules.
  fs.mkdirSync(appDir, { recursive: true });
  fs.copyFileSync(path.join(APP_ROOT, 'package.json'), path.join(appDir, 'package.json'));
  const compiled = path.join(work, 'tsc-out');
  execFileSync(process.execPath, [path.join(APP_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.electron.json', '--outDir', compiled, '--sourceMap', 'false'], {
    cwd: APP_ROOT,
    stdio: 'pipe',
  });
  // Only what electron-builder.yml's `files` ships of the compiled code (dist-electron/<folder>/**/*.js|cjs):
  // a folder missing there (core/, say) is missing here and the kiosk fails to start.
  for (const { folder, ext } of shippedCompiled()) copy(path.join(compiled, folder), path.join(appDir, 'dist-electron', folder), (rel) => rel.endsWith(ext));
  execFileSync(
    process.execPath,
    [
      path.join(APP_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--outDir',
      path.join(appDir, 'dist', 'renderer'),
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    {
      cwd: APP_ROOT,
      stdio: 'pipe',
    },
  );
  fs.symlinkSync(path.join(APP_ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');
  // extraResources: models (manifest, face, vosk, built scoring models) and the packs.
  const models = path.join(resources, 'models');
  copy(path.join(APP_ROOT, 'models'), models, (rel) => rel === 'manifest.json' || rel.startsWith(`scoring${path.sep}built${path.sep}`) || rel.startsWith(`face${path.sep}`));
  fs.symlinkSync(path.join(APP_ROOT, 'models', 'vosk'), path.join(models, 'vosk'), 'dir');
  copy(path.join(APP_ROOT, 'resources', 'packs'), path.join(resources, 'packs'), (rel) => !rel.includes(path.sep) && rel.endsWith('.json'));

  const script = `
    import fs from 'node:fs';
    import path from 'node:path';
    const base = path.join(${JSON.stringify(appDir)}, 'dist-electron', 'electron');
    const { electronKioskConfig, rendererMounts } = await import(path.join(base, 'main', 'kioskConfig.js'));
    const { createKioskApp } = await import(path.join(base, 'services', 'app', 'createKioskApp.js'));
    const { call } = await import(path.join(base, 'services', 'rpc', 'registry.js'));
    const { loadModel, modelFileFor } = await import(path.join(${JSON.stringify(appDir)}, 'dist-electron', 'core', 'scoring', 'model.js'));
    const appPath = ${JSON.stringify(appDir)};
    const config = electronKioskConfig({ userData: ${JSON.stringify(path.join(work, 'userData'))}, resourcesPath: ${JSON.stringify(resources)}, appPath, isPackaged: true }, {});
    const app = createKioskApp(config, { key: ${JSON.stringify(crypto.randomBytes(32).toString('hex'))} });
    try {
      const { openings } = await call(app.registry, 'packs:list', {});
      const speech = await call(app.registry, 'speech:status', {});
      const scoring = [];
      for (const o of openings) scoring.push((await loadModel(modelFileFor(config.modelsDir, o.packId))).modelVersion);
      const mounts = rendererMounts(appPath, config.modelsDir).map((m) => ({ prefix: m.prefix, files: fs.existsSync(m.dir) ? fs.readdirSync(m.dir) : null }));
      process.stdout.write(JSON.stringify({ config, openings: openings.map((o) => o.packId), speech, scoring, mounts }));
    } finally {
      await app.close();
    }
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: appDir,
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: process.env.PATH, KIOSK_LOG_LEVEL: 'error', KIOSK_SYNC: 'off' },
  });
  if (r.status !== 0) throw new Error(`the packaged kiosk did not start under Node (exit ${r.status}):\n${r.stderr}`);
  result = JSON.parse(r.stdout) as Record<string, unknown>;
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('packaged layout (electron-builder --dir), started from inside it', () => {
  it('ships the compiled kiosk and the core it shares with head office (electron-builder.yml files)', () => {
    const folders = shippedCompiled().map((s) => s.folder);
    expect(folders).toEqual(expect.arrayContaining(['electron', 'core']));
    expect(fs.existsSync(path.join(appDir, 'dist-electron', 'core', 'records', 'registry.js'))).toBe(true);
    expect(fs.existsSync(path.join(appDir, 'dist-electron', 'headoffice'))).toBe(false);
  });

  it('reads packs, the models manifest and models from resources/, data from userData', () => {
    expect(result.config).toMatchObject({
      dataDir: path.join(work, 'userData'),
      packsDir: path.join(resources, 'packs'),
      modelsDir: path.join(resources, 'models'),
      modelsManifest: path.join(resources, 'models', 'manifest.json'),
    });
    expect(result.openings).toEqual(expect.arrayContaining(['cashier', 'delivery-rider', 'retail-sales', 'warehouse-sorter']));
  });

  it('speech is on: the manifest was found, so each language names its model (and how to install a missing one)', () => {
    const speech = result.speech as { languages: { lang: string; available: boolean; fix?: string | null }[] };
    expect(speech.languages.map((l) => l.lang).sort()).toEqual(['en', 'zh-CN']);
    for (const l of speech.languages) expect(l.available || /models install --model vosk-model-/.test(l.fix ?? '')).toBe(true);
  });

  it('every opening has its scoring model, loaded by onnxruntime from resources/models', () => {
    expect((result.scoring as string[]).length).toBe((result.openings as string[]).length);
    for (const v of result.scoring as string[]) expect(v).toMatch(/^[a-z-]+@\d+\.\d+\.\d+$/);
  });

  it("the renderer, MediaPipe's WASM and the face model are where app://kiosk/ serves them from", () => {
    const mounts = Object.fromEntries((result.mounts as { prefix: string; files: string[] | null }[]).map((m) => [m.prefix, m.files]));
    expect(mounts['/']).toContain('index.html');
    expect(mounts['/vendor/mediapipe/wasm/']!.some((f) => f.endsWith('.wasm'))).toBe(true);
    expect(mounts['/models/face/']).toContain('face_landmarker.task');
  });
});
