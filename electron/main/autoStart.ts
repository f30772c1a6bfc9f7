import fs from 'node:fs';
import path from 'node:path';

export const AUTOSTART_FILE_NAME = 'interview-kiosk.desktop';

/** Quotes an Exec argument as the Desktop Entry spec requires (double quotes; \ " ` $ escaped). */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_\-./=:+,@]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

/** Contents of ~/.config/autostart/interview-kiosk.desktop (XDG autostart, honoured by GNOME/KDE/XFCE/LXQt). */
export function linuxAutostartEntry(execPath: string, args: readonly string[] = []): string {
  const exec = [execPath, ...args].map(quoteExecArg).join(' ').replace(/%/g, '%%');
  return ['[Desktop Entry]', 'Type=Application', 'Name=Interview kiosk', `Exec=${exec}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=true', 'Terminal=false', ''].join('\n');
}

export type AutoStartDeps = {
  platform: NodeJS.Platform;
  /** The binary to start: on Linux the AppImage file ($APPIMAGE) when run from one, else process.execPath. */
  execPath: string;
  homeDir: string;
  setLoginItemSettings: (s: { openAtLogin: boolean; path?: string }) => void;
};

/**
 * Makes the packaged kiosk start at login: the login item on Windows/macOS, an XDG autostart entry
 * on Linux. Returns what it did, for the log. Written only when the content changes, so a manager
 * who removed the entry on purpose sees it come back only after an update moves the binary.
 */
export function ensureAutoStart(deps: AutoStartDeps): string {
  if (deps.platform === 'win32' || deps.platform === 'darwin') {
    deps.setLoginItemSettings({ openAtLogin: true, path: deps.execPath });
    return 'login item set';
  }
  if (deps.platform !== 'linux') return `auto-start not supported on ${deps.platform}`;
  const file = path.join(deps.homeDir, '.config', 'autostart', AUTOSTART_FILE_NAME);
  const content = linuxAutostartEntry(deps.execPath);
  let existing: string | null = null;
  try {
    existing = fs.readFileSync(file, 'utf8');
  } catch {
    existing = null;
  }
  if (existing === content) return 'autostart entry up to date';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode: 0o644 });
  return 'autostart entry written';
}
