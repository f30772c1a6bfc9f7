import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKioskApp, type KioskApp } from '../services/app/createKioskApp.js';
import { checkDataDir } from '../services/db/startupCheck.js';
import { createLogger } from '../../core/logger.js';
import { channelNames } from '../shared/contract/index.js';
import { isKioskError } from '../../core/errors.js';
import { ensureAutoStart } from './autoStart.js';
import { AFTER_GPU_CRASH_FLAG, decideCrashAction, readCrashHistory, relaunchArgs, writeCrashHistory, type CrashKind } from './crashPolicy.js';
import { KIOSK_CSP } from './csp.js';
import { loadOrCreateSafeStorageKey } from './dbKey.js';
import { findDebugSwitches } from './debugSwitches.js';
import { guardSession, guardWebContents, type GuardOptions } from './guards.js';
import { forwardEvents, isTrustedSender, registerContractIpc } from './ipc.js';
import { APP_ENTRY_URL, APP_SCHEME } from './isInternalUrl.js';
import { electronKioskConfig, rendererMounts } from './kioskConfig.js';
import { createProtocolHandler } from './protocolHandler.js';
import { createKioskWindow } from './windowOptions.js';

/**
 * Electron main: lifecycle, the kiosk window, its guards and the IPC wiring. Thin on purpose —
 * every decision lives in a pure module next to this file (tests/unit/hardening/*), every feature
 * in electron/services (createKioskApp). Nothing here can run on the development machines (no
 * Electron runtime there); see docs/security.md for what that leaves unverified.
 */
const log = createLogger('main');
const isDev = !app.isPackaged;
// Development only: load the Vite dev server instead of app://kiosk/ (e.g. http://127.0.0.1:5173).
const devServerUrl = isDev ? process.env.KIOSK_DEV_SERVER_URL : undefined;
const guardOpts: GuardOptions = { isDev, extraOrigins: devServerUrl ? [new URL(devServerUrl).origin] : [], log, csp: KIOSK_CSP };
const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'preload', 'preload.cjs');

// Everything below until whenReady must happen before the app is ready.
if (process.argv.includes(AFTER_GPU_CRASH_FLAG)) app.disableHardwareAcceleration();
app.enableSandbox();
Menu.setApplicationMenu(null);
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } }]);

const debugSwitches = app.isPackaged ? findDebugSwitches(process.argv) : [];
if (debugSwitches.length > 0) {
  log.error(`refusing to start with debugging switches: ${debugSwitches.map((s) => s.split('=')[0]).join(', ')}`);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // Another kiosk instance owns the database and the screen; it is focused via 'second-instance'.
  app.quit();
} else {
  start();
}

function start(): void {
  let win: BrowserWindow | null = null;
  let kiosk: KioskApp | null = null;
  let isQuitting = false;

  app.on('web-contents-created', (_e, contents) => guardWebContents(contents, guardOpts));
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('before-quit', () => {
    isQuitting = true;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (e) => {
    if (!kiosk) return;
    // Close the database (WAL checkpoint) before exiting; app.exit does not re-emit will-quit.
    e.preventDefault();
    const closing = kiosk;
    kiosk = null;
    closing.close().then(
      () => app.exit(0),
      (err: unknown) => {
        log.error('closing the kiosk services failed', err);
        app.exit(1);
      },
    );
  });
  app.on('child-process-gone', (_e, details) => {
    log.warn(`child process gone: ${details.type} (${details.reason}, exit ${details.exitCode})`);
    onCrash(details.type === 'GPU' ? 'gpu' : 'other', details.reason);
  });

  app.whenReady().then(onReady).catch(fatal);

  function onReady(): void {
    const config = electronKioskConfig({
      userData: app.getPath('userData'),
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
      isPackaged: app.isPackaged,
    });
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    // Before any key is made: an empty, orphaned or keyless database stops start-up unchanged.
    checkDataDir(config);
    const key = loadOrCreateSafeStorageKey(config.keyFile, config.dbFile, safeStorage);
    kiosk = createKioskApp(config, { key });
    const app_ = kiosk;

    guardSession(session.defaultSession, guardOpts);
    protocol.handle(APP_SCHEME, createProtocolHandler(rendererMounts(app.getAppPath(), config.modelsDir), KIOSK_CSP));
    registerContractIpc({
      ipcMain,
      registry: app_.registry,
      channels: channelNames,
      isTrusted: (event) => isTrustedSender(event, win?.webContents ?? null, guardOpts.extraOrigins),
      // The manager session lives in the auth service (createKioskApp installs it); never from the renderer.
      callContext: () => app_.callContext(),
    });
    forwardEvents(app_.events, () => win?.webContents ?? null);

    if (app.isPackaged && process.env.KIOSK_AUTOSTART !== '0') {
      try {
        const did = ensureAutoStart({
          platform: process.platform,
          execPath: process.env.APPIMAGE ?? process.execPath,
          homeDir: os.homedir(),
          setLoginItemSettings: (s) => app.setLoginItemSettings(s),
        });
        log.info(`auto-start: ${did}`);
      } catch (e) {
        log.warn('auto-start could not be set up', e);
      }
    }
    createWindow();
  }

  function createWindow(): void {
    win = createKioskWindow(BrowserWindow, { preloadPath: PRELOAD, isDev, isWindowed: process.env.KIOSK_WINDOWED === '1' });
    const w = win;
    w.removeMenu();
    // Alt+F4 and the window manager's close button end up here: only a real quit closes the kiosk.
    w.on('close', (e) => {
      if (!isQuitting && !isDev) e.preventDefault();
    });
    w.on('session-end', () => {
      isQuitting = true;
    });
    w.on('closed', () => {
      win = null;
    });
    w.once('ready-to-show', () => w.show());
    w.webContents.on('render-process-gone', (_e, details) => {
      log.warn(`renderer gone: ${details.reason} (exit ${details.exitCode})`);
      onCrash('renderer', details.reason);
    });
    void w.webContents.setVisualZoomLevelLimits(1, 1);
    void w.loadURL(devServerUrl ?? APP_ENTRY_URL);
  }

  function onCrash(kind: CrashKind, reason: string): void {
    const file = path.join(app.getPath('userData'), 'crash-history.json');
    const { action, history } = decideCrashAction(kind, reason, readCrashHistory(file), Date.now());
    if (action === 'ignore') return;
    try {
      writeCrashHistory(file, history);
    } catch (e) {
      log.warn('could not record the crash', e);
    }
    log.warn(`${kind} crash → ${action}`);
    if (action === 'reload') win?.webContents.reload();
    if (action === 'relaunch') {
      app.relaunch({ args: relaunchArgs(process.argv) });
      app.exit(0);
    }
    if (action === 'give-up') {
      dialog.showErrorBox(
        'The kiosk keeps crashing',
        `The kiosk screen crashed ${history.length} times in the last 10 minutes and has stopped restarting itself. Answers saved so far are kept. Restart the computer; if it happens again, call support.`,
      );
      app.exit(1);
    }
  }
}

function fatal(e: unknown): void {
  log.error('start-up failed', e);
  const message = isKioskError(e) ? e.message : 'The kiosk could not start. Restart the computer; if it happens again, call support.';
  dialog.showErrorBox('The kiosk cannot start', message);
  app.exit(1);
}
