import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Test files share a module registry per worker, so the AWS SDK clients and the airplane SDK
    // load once per worker rather than once per file: this halves the suite's CPU time. No state
    // is shared: every file starts its own stand-in on its own ports.
    isolate: false,
    // RSA key generation and real HTTP round trips take seconds, not milliseconds, when `npm test`
    // runs every package's suite at once on a two-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
