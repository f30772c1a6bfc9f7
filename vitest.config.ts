import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    env: { KIOSK_LOG_LEVEL: 'warn', KIOSK_SYNC: 'off' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native modules (SQLite, onnxruntime, koffi) are safest in forks.
    pool: 'forks',
    maxWorkers: 2,
  },
});
