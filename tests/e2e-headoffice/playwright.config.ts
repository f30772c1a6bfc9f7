/**
 * Head-office console e2e in Debian Chromium (launched like tests/e2e). The spec starts its own
 * head office on 127.0.0.1 and seeds it through real kiosk sync, once per project: `sqlite`
 * (embedded file) and `pg` (a throwaway PostgreSQL cluster); `--project sqlite` runs one.
 * Screenshots go to tests/artifacts/headoffice/ (every page, both languages, both sizes, from the
 * sqlite project; the pg project checks every page at one size in both languages).
 */
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
  outputDir: path.join(root, 'test-results', 'headoffice'),
  timeout: 300_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  projects: [{ name: 'sqlite' }, { name: 'pg' }],
  reporter: [['list'], ['json', { outputFile: path.join(root, 'test-results', 'e2e-headoffice-results.json') }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromium, args: [...CHROMIUM_FLAGS] },
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    actionTimeout: 15_000,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
