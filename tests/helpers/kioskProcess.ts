import Database from 'better-sqlite3-multiple-ciphers';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type KioskProcess = {
  url: string;
  secret: string;
  launchUrl: string;
  dataDir: string;
  child: ChildProcess;
  /** Calls a contract channel over the bridge exactly as the renderer does. */
  rpc<T = unknown>(name: string, input?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
  /** Opens the kiosk's real encrypted database with its key file. */
  openDb(opts?: { readonly?: boolean }): Database.Database;
  /** SIGTERM (clean) or SIGKILL (a power cut, as far as the process is concerned). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** stop() and remove the data dir. */
  cleanup(): Promise<void>;
};

/** Starts the real kiosk services + bridge (`kiosk serve`) as a child process. */
export async function startKiosk(opts: { env?: Record<string, string>; dataDir?: string } = {}): Promise<KioskProcess> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-proc-'));
  const secret = crypto.randomBytes(24).toString('base64url');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/kiosk.ts'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, KIOSK_DATA_DIR: dataDir, KIOSK_BRIDGE_SECRET: secret, KIOSK_LOG_LEVEL: 'warn', KIOSK_SYNC: 'off', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk serve did not start in 60 s:\n${stderr}`)), 60_000);
    child.stdout!.once('data', (b: Buffer) => {
      clearTimeout(timer);
      resolve((JSON.parse(b.toString().split('\n')[0]!) as { url: string }).url);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk serve exited ${code}:\n${stderr}`));
    });
  });
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  };
  return {
    url,
    secret,
    launchUrl: `${url}/#s=${encodeURIComponent(secret)}`,
    dataDir,
    child,
    async rpc(name, input = {}) {
      const res = await fetch(`${url}/rpc/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-secret': secret, origin: url },
        body: JSON.stringify(input),
      });
      return (await res.json()) as never;
    },
    openDb({ readonly = true } = {}) {
      const key = fs.readFileSync(path.join(dataDir, 'kiosk.key'), 'utf8').trim();
      const db = new Database(path.join(dataDir, 'kiosk.db'), { readonly });
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${key}'"`);
      return db;
    },
    stop,
    async cleanup() {
      await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
