import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds only the face harness page (renderer/face-harness.html and the face module) into
 * dist/face-harness. Used by the `kiosk face` CLI, tests and bench when dist/renderer has no
 * harness, so they neither depend on the rest of the renderer building nor empty dist/renderer
 * under a concurrently running e2e suite. The page is identical to the one in the full build.
 */
const rendererRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer');

export default defineConfig({
  root: rendererRoot,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: path.resolve(rendererRoot, '../dist/face-harness'),
    emptyOutDir: true,
    target: 'chrome120',
    rollupOptions: { input: { 'face-harness': path.join(rendererRoot, 'face-harness.html') } },
  },
  worker: { format: 'es' },
});
