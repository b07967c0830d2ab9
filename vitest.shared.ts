import { defineConfig } from "vitest/config";

/**
 * The test settings every workspace shares (its vitest.config.ts re-exports them, or merges its own):
 * - `pool: "threads"`: a worker thread starts faster than a forked process, and each workspace's
 *   suite runs in a few of them;
 * - `isolate: false`: a workspace's test files share a worker's module registry, so the AWS and
 *   airplane SDKs load once per worker, not once per file. A test must therefore not lean on module
 *   state another file left (aws-auth, which tests a once-per-process notice, turns isolation back on);
 * - timeouts for real HTTP round trips and RSA keys while every workspace's suite runs at once on
 *   two cores.
 */
export default defineConfig({
  test: {
    pool: "threads",
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
