import { defineConfig } from 'vitest/config';

// One test run, one real broker and one PostgreSQL for every project (see tools/src/test/global-setup.ts).
export default defineConfig({
  test: {
    globalSetup: ['./tools/src/test/global-setup.ts'],
    projects: ['shared', 'collectors', 'collectors/demo', 'api', 'web', 'tools', 'e2e'],
    reporters: ['default', './tools/src/test/plain-summary-reporter.ts'],
  },
});
