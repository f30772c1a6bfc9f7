import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const root = path.resolve(here, '..', '..');
const shared = path.resolve(root, '..', 'shared');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromium) throw new Error('Debian Chromium not found at /usr/bin/chromium: run `apt-get install -y chromium` (see .ci/run)');

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(root, 'test-results'),
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: path.join(root, 'test-results', 'e2e-results.json') }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        ...CHROMIUM_FLAGS,
        `--use-file-for-fake-video-capture=${path.join(shared, 'testdata', 'video', 'grid_bbaf2n.mjpeg')}`,
      ],
    },
    viewport: { width: 1080, height: 1920 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
