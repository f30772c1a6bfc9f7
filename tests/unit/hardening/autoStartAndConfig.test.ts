import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ensureAutoStart, linuxAutostartEntry, quoteExecArg } from '../../../electron/main/autoStart.js';
import { findDebugSwitches } from '../../../electron/main/debugSwitches.js';
import { electronKioskConfig, rendererMounts, unpackedPath } from '../../../electron/main/kioskConfig.js';

describe('auto-start', () => {
  test('Linux: an XDG autostart entry, quoted as the spec requires', () => {
    const entry = linuxAutostartEntry('/opt/Interview Kiosk/kiosk');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/opt/Interview Kiosk/kiosk"\n');
    expect(quoteExecArg('/home/k/Kiosk-1.0.AppImage')).toBe('/home/k/Kiosk-1.0.AppImage');
    expect(quoteExecArg('a"b$c`d\\e')).toBe('"a\\"b\\$c\\`d\\\\e"');
    expect(linuxAutostartEntry('/x/100%')).toContain('Exec="/x/100%%"');
  });

  test('Linux: writes ~/.config/autostart once and keeps it up to date', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-home-'));
    try {
      const deps = { platform: 'linux' as const, execPath: '/opt/kiosk/kiosk', homeDir: home, setLoginItemSettings: () => expect.fail('not on Linux') };
      expect(ensureAutoStart(deps)).toBe('autostart entry written');
      const file = path.join(home, '.config', 'autostart', 'interview-kiosk.desktop');
      expect(fs.readFileSync(file, 'utf8')).toContain('Exec=/opt/kiosk/kiosk');
      expect(ensureAutoStart(deps)).toBe('autostart entry up to date');
      expect(ensureAutoStart({ ...deps, execPath: '/opt/kiosk2/kiosk' })).toBe('autostart entry written');
      expect(fs.readFileSync(file, 'utf8')).toContain('Exec=/opt/kiosk2/kiosk');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  test('Windows/macOS: the login item', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const calls: unknown[] = [];
      ensureAutoStart({ platform, execPath: 'C:\\Kiosk\\kiosk.exe', homeDir: '/nowhere', setLoginItemSettings: (s) => calls.push(s) });
      expect(calls).toEqual([{ openAtLogin: true, path: 'C:\\Kiosk\\kiosk.exe' }]);
    }
  });
});

describe('electronKioskConfig', () => {
  const paths = { userData: '/home/k/.config/Interview Kiosk', resourcesPath: '/opt/kiosk/resources', appPath: '/opt/kiosk/resources/app.asar', isPackaged: true };

  test('packaged: data in userData, models and packs from the resources folder', () => {
    const c = electronKioskConfig(paths, {});
    expect(c).toMatchObject({
      dataDir: paths.userData,
      dbFile: path.join(paths.userData, 'kiosk.db'),
      keyFile: path.join(paths.userData, 'kiosk.key.enc'),
      packsDir: '/opt/kiosk/resources/packs',
      modelsDir: '/opt/kiosk/resources/models',
      modelsManifest: '/opt/kiosk/resources/models/manifest.json',
      idleSeconds: 90,
    });
    expect(rendererMounts(paths.appPath, c.modelsDir)).toEqual([
      { prefix: '/', dir: '/opt/kiosk/resources/app.asar/dist/renderer' },
      { prefix: '/vendor/mediapipe/wasm/', dir: '/opt/kiosk/resources/app.asar/node_modules/@mediapipe/tasks-vision/wasm' },
      { prefix: '/models/face/', dir: '/opt/kiosk/resources/models/face' },
    ]);
  });

  test('development: the repository folders; environment variables still win', () => {
    const dev = electronKioskConfig({ ...paths, isPackaged: false, appPath: '/repo' }, {});
    expect(dev.packsDir).toBe('/repo/resources/packs');
    expect(dev.modelsDir).toBe('/repo/models');
    expect(dev.modelsManifest).toBe('/repo/models/manifest.json');
    const moved = electronKioskConfig(paths, { KIOSK_DATA_DIR: '/data', KIOSK_PACKS_DIR: '/p', KIOSK_MODELS_DIR: '/m' });
    expect(moved).toMatchObject({ dataDir: '/data', dbFile: '/data/kiosk.db', packsDir: '/p', modelsDir: '/m' });
  });
});

test('findDebugSwitches catches debugger and sandbox-weakening switches only', () => {
  const argv = [
    '/opt/kiosk/kiosk',
    '--inspect=9229',
    '--remote-debugging-port=9222',
    '--no-sandbox',
    '--js-flags=--allow-natives-syntax',
    '--inspect-brk',
    '--lang=zh-CN',
    '--kiosk-after-gpu-crash',
    '--inspector-ok',
  ];
  expect(findDebugSwitches(argv)).toEqual(['--inspect=9229', '--remote-debugging-port=9222', '--no-sandbox', '--js-flags=--allow-natives-syntax', '--inspect-brk']);
});

test('unpackedPath points into app.asar.unpacked, on both separators, and leaves other paths alone', () => {
  expect(unpackedPath('/opt/kiosk/resources/app.asar/node_modules/vosk/lib/linux-x86_64/libvosk.so')).toBe('/opt/kiosk/resources/app.asar.unpacked/node_modules/vosk/lib/linux-x86_64/libvosk.so');
  expect(unpackedPath('C:\\Kiosk\\resources\\app.asar\\node_modules\\vosk\\lib\\win-x86_64\\libvosk.dll')).toBe(
    'C:\\Kiosk\\resources\\app.asar.unpacked\\node_modules\\vosk\\lib\\win-x86_64\\libvosk.dll',
  );
  expect(unpackedPath('/repo/node_modules/vosk/lib/linux-x86_64/libvosk.so')).toBe('/repo/node_modules/vosk/lib/linux-x86_64/libvosk.so');
  expect(unpackedPath('/x/app.asarx/y')).toBe('/x/app.asarx/y');
});
