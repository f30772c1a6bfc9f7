import type { BrowserWindowConstructorOptions } from 'electron';

export type WindowOptionsInput = {
  /** Absolute path of the compiled, self-contained preload (preload.cjs). */
  preloadPath: string;
  /** True only when !app.isPackaged: enables DevTools and, if asked, a normal window. */
  isDev: boolean;
  /** Development convenience: a resizable window instead of kiosk mode. Ignored when packaged. */
  isWindowed?: boolean;
};

/**
 * The one place the kiosk window's options are decided. Every security-relevant preference is
 * spelled out even where it equals Electron's default, so a future default change or a careless
 * edit is caught by tests/unit/hardening/windowOptions.test.ts.
 */
export function kioskWindowOptions({ preloadPath, isDev, isWindowed = false }: WindowOptionsInput): BrowserWindowConstructorOptions {
  const isKiosk = !(isDev && isWindowed);
  return {
    show: false,
    kiosk: isKiosk,
    fullscreen: isKiosk,
    frame: !isKiosk,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title: 'Interview kiosk',
    width: 1080,
    height: 1920,
    webPreferences: {
      preload: preloadPath,
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
      // Applicants must not be able to leave the page through a JS dialog loop.
      safeDialogs: true,
      spellcheck: false,
      devTools: isDev,
    },
  };
}
