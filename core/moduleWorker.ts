import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The ESM build of tsx's API (require.resolve would give the CommonJS one). */
function tsxEsmApiUrl(): string {
  const pkgJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(pkgJson), pkg.exports['./esm/api']!.import.default)).href;
}

/**
 * Starts the worker module `name` that sits beside the calling module (`callerUrl`: its
 * `import.meta.url`). Compiled to JS (the packaged kiosk), the worker is plain JS and starts
 * directly. Under tsx or vitest the caller is TypeScript, so the worker is too, and a fresh
 * worker has no TypeScript loader (on Node 20 `--import tsx` in a worker's execArgv is
 * ignored): it starts from a tiny eval'd bootstrap that registers tsx's ESM hooks with its
 * public API (`tsx/esm/api`) and then imports the real entry. tsx is only looked for then.
 */
export function startModuleWorker(callerUrl: string, name: string, workerData?: unknown): Worker {
  const isTs = callerUrl.endsWith('.ts');
  const entry = new URL(`./${name}.${isTs ? 'ts' : 'js'}`, callerUrl);
  if (!isTs) return new Worker(entry, { workerData });
  const boot = `import(${JSON.stringify(tsxEsmApiUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
