/** The applicant's phone result page (issue 16) at 390×844, Debian Chromium, no camera or mic. */
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS, findChromium } from '../../tools/chromium.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const chromium = findChromium();
if (!chromium) throw new Error('Debian Chromium not found at /usr/bin/chromium: run `apt-get install -y chromium` (see .ci/run)');

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(root, 'test-results', 'phone'),
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: path.join(root, 'test-results', 'phone-results.json') }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromium, args: [...CHROMIUM_FLAGS] },
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
