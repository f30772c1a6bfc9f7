import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, findChromium } from '../../tools/chromium.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const root = path.resolve(here, '..', '..');
const shared = path.resolve(root, '..', 'shared');
const chromium = findChromium();
if (!chromium) throw new Error('Debian Chromium not found at /usr/bin/chromium: run `apt-get install -y chromium` (see .ci/run)');

export const E2E_FLAGS = [...CHROMIUM_FLAGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

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
      args: [...E2E_FLAGS, `--use-file-for-fake-video-capture=${path.join(shared, 'testdata', 'video', 'grid_bbaf2n.mjpeg')}`],
    },
    viewport: { width: 1080, height: 1920 },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
