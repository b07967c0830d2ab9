import { isAirplaneTask } from "@repo/task-cli";
import { afterAll, afterEach, beforeEach, vi } from "vitest";

/**
 * The environment of a task's unit tests: aws-auth takes the AWS SDK's default chain, which finds
 * these fake keys, so a test with mocked clients never looks for, or uses, real credentials.
 */
export const UNIT_TEST_AWS_ENV: Readonly<Record<string, string>> = {
  AWS_AUTH_MODE: "default",
  AWS_ACCESS_KEY_ID: "AKIAUNITTEST",
  AWS_SECRET_ACCESS_KEY: "unit-test-secret",
  AWS_ACCOUNT_ID: "123456789012",
  AWS_REGION: "us-east-1",
};

/**
 * The definition behind an `airplane.task(...)` export, for tests that call a task the way
 * Airplane's runtime does (`baseFunc(params)`); the SDK's types do not expose it.
 */
export function airplaneDefinition(task: unknown) {
  if (!isAirplaneTask(task)) throw new TypeError("Not an Airplane task: the value has no __airplane definition.");
  return task.__airplane;
}

export interface UnitTestTaskOptions {
  /**
   * The task's mocked AWS clients (`mockClient(S3Client)`): reset before each test, and the real
   * clients put back after the file, as a package's test files share a worker (vitest.shared.ts: `isolate: false`).
   */
  mocks?: readonly { reset(): unknown; restore(): unknown }[];
  /** Parameter values every run gets unless it gives its own, as Airplane fills in defaults. */
  defaults?: Record<string, unknown>;
  /**
   * Let the task's own waits (`setTimeout`: a whole-set write's read-back after a settle time) pass
   * at once: vitest's fake timers, moved on to each timer as it is set. With the clients mocked,
   * they are only waiting; the order of what happens is kept.
   */
  instantWaits?: boolean;
}

/**
 * Sets up a task's unit tests: before each test the mocks are reset, the unit-test AWS environment
 * is stubbed and, with `instantWaits`, timers are faked (each undone after); after the file the real
 * clients are back. Returns the task's definition as Airplane reads it and `run`, which calls the
 * task as Airplane's runtime does (`baseFunc(params)`).
 */
export function unitTestTask(
  task: unknown,
  { mocks = [], defaults = {}, instantWaits = false }: UnitTestTaskOptions = {},
) {
  const { config, baseFunc } = airplaneDefinition(task);
  beforeEach(() => {
    for (const mock of mocks) mock.reset();
    for (const [name, value] of Object.entries(UNIT_TEST_AWS_ENV)) vi.stubEnv(name, value);
    if (instantWaits) vi.useFakeTimers({ toFake: ["setTimeout"] }).setTimerTickMode("nextTimerAsync");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    if (instantWaits) vi.useRealTimers();
  });
  afterAll(() => {
    for (const mock of mocks) mock.restore();
  });
  return { config, run: async (params: Record<string, unknown> = {}) => baseFunc({ ...defaults, ...params }) };
}
