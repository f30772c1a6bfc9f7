import type { BrowserWindowConstructorOptions, BrowserWindow as ElectronBrowserWindow } from 'electron';

export type WindowOptionsInput = {
  /** Absolute path of the compiled, self-contained preload (preload.cjs). */
  preloadPath: string;
  /** True only when !app.isPackaged: enables DevTools and, if asked, a normal window. */
  isDev: boolean;
  /** Development convenience: a resizable window instead of kiosk mode. Ignored when packaged. */
  isWindowed?: boolean;
};

export type BrowserWindowCtor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Creates the kiosk window. Every security-relevant preference is a literal here, even where it
 * equals Electron's default: electronegativity (scripts/security-gate.mjs) can only judge
 * literals at `new BrowserWindow(…)`, and tests/unit/hardening/windowOptions.test.ts catches a
 * careless edit. The constructor is passed in so the test can capture the options without Electron.
 */
export function createKioskWindow<W = ElectronBrowserWindow>(BrowserWindow: BrowserWindowCtor<W>, { preloadPath, isDev, isWindowed = false }: WindowOptionsInput): W {
  const isKiosk = !(isDev && isWindowed);
  return new BrowserWindow({
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
      // Middle-click would open links in a new window (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
      // Applicants must not be able to leave the page through a JS dialog loop.
      safeDialogs: true,
      spellcheck: false,
      devTools: isDev,
    },
  });
}
