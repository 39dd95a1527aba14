import { defineConfig } from 'vitest/config';

// Tests wait for conditions, never for fixed times: these bounds only catch a hang, so they are
// generous enough for a busy 2-core machine (the suite ran with both cores hogged; see README).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Most files spend their time waiting on child processes and servers, not on a core.
    maxWorkers: 3,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
