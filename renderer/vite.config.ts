import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vite';

const root = path.dirname(new URL(import.meta.url).pathname);
// Extra pages (e.g. the face-analysis harness used by the `kiosk face` CLI) are built when present.
const pages = ['index.html', 'face-harness.html'].filter((p) => fs.existsSync(path.join(root, p)));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    rollupOptions: { input: Object.fromEntries(pages.map((p) => [p.replace('.html', ''), path.join(root, p)])) },
  },
  worker: { format: 'es' },
});
