import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, test } from 'vitest';
import { electronKioskConfig } from '../../../electron/main/kioskConfig.js';

/**
 * electron-builder.yml, read and schema-checked by electron-builder's own code (the same calls
 * `electron-builder` makes before building), then checked against the kiosk's rules. Real
 * packaging needs downloads and happens on the release machine (docs/security.md).
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
type Target = { target: string; arch?: string[] };
type Config = Awaited<ReturnType<typeof getConfig>>;
let config: Config;

beforeAll(async () => {
  config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
});

const targetsOf = (p: { target?: unknown } | null | undefined): string[] => ((p?.target ?? []) as Target[]).map((t) => t.target);
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** getConfig normalises `files` to [{ filter: [...] }]; flatten back to the patterns. */
const filePatterns = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).flatMap((x: unknown) => (typeof x === 'string' ? [x] : asStrings((x as { filter?: unknown } | null)?.filter)));

/** The only two glob shapes asarUnpack uses here; any other shape fails the test instead of being guessed at. */
function unpackMatches(pattern: string, rel: string): boolean {
  if (pattern === '**/*.node') return rel.endsWith('.node');
  const m = /^(node_modules\/[^*]+)\/\*\*$/.exec(pattern);
  if (m) return rel.startsWith(`${m[1]}/`);
  throw new Error(`asarUnpack pattern "${pattern}" has a shape this test does not understand`);
}

function nativeFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) nativeFiles(full, out);
    else if (/\.(node|so(\.\d+)*|dll|dylib)$/.test(e.name) && !full.includes(`${path.sep}obj.target${path.sep}`)) out.push(path.relative(ROOT, full).split(path.sep).join('/'));
  }
  return out;
}

describe('electron-builder.yml', () => {
  test("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  test('the validation is real: a misspelt key is rejected', async () => {
    await expect(validateConfiguration({ ...config, asarUnpak: ['x'] } as Config, new DebugLogger(false))).rejects.toThrow(/asarUnpak/);
  });

  test('installers: nsis on Windows, AppImage and deb on Linux, dmg on macOS', () => {
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(targetsOf(config.linux).sort()).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
  });

  test('output folder is not the tsc output folder; natives are not rebuilt by electron-builder', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.electron.json'), 'utf8')) as { compilerOptions: { outDir: string } };
    expect(config.directories?.output).toBe('release');
    expect(config.directories?.output).not.toBe(tsconfig.compilerOptions.outDir);
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
  });

  test('files: the compiled main (package.json "main"), the preload and the renderer', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
    const files = filePatterns(config.files);
    expect(files).toContain('package.json');
    expect(files).toContain('dist/renderer/**');
    expect(pkg.main).toMatch(/^dist-electron\/electron\/.+\.js$/);
    expect(files).toContain('dist-electron/electron/**/*.js');
    expect(files).toContain('dist-electron/electron/**/*.cjs');
    expect(fs.readFileSync(path.join(ROOT, 'electron', 'main', 'main.ts'), 'utf8')).toContain("'preload.cjs'");
  });

  test('no platform-level `files`: electron-builder 26 would then pack the whole project folder', () => {
    // Seen in a staged `electron-builder --dir --linux` run: an ignore-only platform list becomes its
    // own matcher, gets "**/*" prepended, and logs, sources and resources/ land in app.asar.
    for (const p of [config.win, config.linux, config.mac]) expect((p as { files?: unknown } | null | undefined)?.files).toBeUndefined();
  });

  test('every native binary the kiosk loads is unpacked from the asar', () => {
    const unpack = asStrings(config.asarUnpack);
    const roots = ['better-sqlite3-multiple-ciphers/build/Release', 'onnxruntime-node/bin', '@koromix', 'vosk/lib', '@node-rs'];
    const natives = roots.flatMap((r) => {
      const dir = path.join(ROOT, 'node_modules', r);
      expect(fs.existsSync(dir), `node_modules/${r} is installed`).toBe(true);
      return nativeFiles(dir);
    });
    expect(natives.length).toBeGreaterThanOrEqual(8);
    for (const f of natives)
      expect(
        unpack.some((p) => unpackMatches(p, f)),
        f,
      ).toBe(true);
    // koffi itself (its JS finds the platform package at runtime) goes along.
    expect(unpack).toContain('node_modules/koffi/**');
  });

  test('models and job packs are extra resources exactly where the packaged kiosk looks for them', () => {
    const extra = (config.extraResources ?? []) as { from: string; to: string; filter?: string[] }[];
    const models = extra.find((e) => e.from === 'models');
    const packs = extra.find((e) => e.from === 'resources/packs');
    expect(models?.filter).toEqual(expect.arrayContaining(['face/**', 'vosk/**', 'scoring/built/**']));
    expect(packs?.filter).toEqual(['*.json']);
    const resourcesPath = '/opt/kiosk/resources';
    const c = electronKioskConfig({ userData: '/u', resourcesPath, appPath: `${resourcesPath}/app.asar`, isPackaged: true }, {});
    expect(path.join(resourcesPath, models!.to)).toBe(c.modelsDir);
    expect(path.join(resourcesPath, packs!.to)).toBe(c.packsDir);
  });

  test('Electron fuses close the Node back doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  test('uninstalling never deletes the encrypted database and its key', () => {
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
  });
});
