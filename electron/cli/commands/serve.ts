import { startBridge } from '../../bridge/startBridge.js';
import { resolveConfig } from '../../services/app/config.js';
import { createKioskApp } from '../../services/app/createKioskApp.js';

export const summary = 'serve [--port N] — run the kiosk services and the browser-kiosk bridge on 127.0.0.1';
export const help = `usage: npm run --silent kiosk -- serve [--port <N>] [--launch-url]\n  ${summary}\n  prints one JSON line {url, port} when ready (--launch-url adds the secret launch URL); runs until Ctrl-C\n  data: KIOSK_DATA_DIR (default .kiosk-data); packs: KIOSK_PACKS_DIR; models: KIOSK_MODELS_DIR`;

/**
 * Runs until SIGINT/SIGTERM. Prints one JSON line {url, port} when ready. The per-launch secret
 * is random unless KIOSK_BRIDGE_SECRET pins it (tests); it is printed only with --launch-url.
 */
export async function run(args: string[]): Promise<number> {
  const portArg = args.indexOf('--port');
  const port = portArg >= 0 ? Number(args[portArg + 1]) : 0;
  const app = createKioskApp(resolveConfig());
  const bridge = await startBridge({ app, port, secret: process.env.KIOSK_BRIDGE_SECRET || undefined });
  process.stdout.write(JSON.stringify({ url: bridge.url, port: bridge.port, ...(args.includes('--launch-url') ? { launchUrl: bridge.launchUrl } : {}) }) + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  await app.close();
  return 0;
}
