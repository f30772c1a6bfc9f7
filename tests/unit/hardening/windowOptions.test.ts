import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import { createKioskWindow, type WindowOptionsInput } from '../../../electron/main/windowOptions.js';

/** Stand-in for Electron's BrowserWindow constructor: records the options it was given. */
class CapturingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}
const optionsFor = (input: WindowOptionsInput) => createKioskWindow(CapturingWindow, input).options;

describe('createKioskWindow', () => {
  const prod = optionsFor({ preloadPath: '/app/preload.cjs', isDev: false, isWindowed: true });

  test('production: locked-down renderer', () => {
    expect(prod.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(prod.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(prod.webPreferences).not.toHaveProperty('additionalArguments');
  });

  test('production: kiosk, full screen, no frame, no menu bar — even when a windowed dev mode is asked for', () => {
    expect(prod).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, show: false });
  });

  test('development: DevTools on, and a normal window only on request', () => {
    const dev = optionsFor({ preloadPath: '/p', isDev: true });
    expect(dev.webPreferences?.devTools).toBe(true);
    expect(dev.kiosk).toBe(true);
    const windowed = optionsFor({ preloadPath: '/p', isDev: true, isWindowed: true });
    expect(windowed).toMatchObject({ kiosk: false, fullscreen: false, frame: true });
    // The sandbox never depends on the mode.
    expect(windowed.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });
});
