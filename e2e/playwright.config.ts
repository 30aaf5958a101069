import { defineConfig } from '@playwright/test';

// One worker: each test drives a real browser profile with the extension and a
// real backend process; the CI machine has two cores.
export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [['list'], ['json']],
  outputDir: '../.tmp/e2e-results',
  use: {
    trace: 'retain-on-failure',
    // A missing element should fail its own step, not the whole test's budget.
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
  },
});
