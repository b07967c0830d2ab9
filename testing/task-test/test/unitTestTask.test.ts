import { describe, expect, it, vi } from "vitest";
import { UNIT_TEST_AWS_ENV, unitTestTask } from "../src";

// What airplane.task(config, fn) returns, reduced to what Airplane's runtime reads.
const echo = { __airplane: { type: "task", config: { slug: "echo" }, baseFunc: (params: unknown) => params } };
let resets = 0;
const { config, run } = unitTestTask(echo, {
  mocks: [{ reset: () => resets++, restore: () => {} }],
  defaults: { dry_run: false },
});

describe("unitTestTask", () => {
  it("runs the task with the defaults under the given parameters", async () => {
    expect(config.slug).toBe("echo");
    await expect(run({ bucket: "b" })).resolves.toEqual({ dry_run: false, bucket: "b" });
    await expect(run({ dry_run: true })).resolves.toEqual({ dry_run: true });
  });

  it("stubs the unit-test AWS environment and resets the mocks before each test", () => {
    expect(resets).toBe(2);
    expect(process.env.AWS_AUTH_MODE).toBe("default");
    expect(process.env.AWS_SECRET_ACCESS_KEY).toBe(UNIT_TEST_AWS_ENV.AWS_SECRET_ACCESS_KEY);
  });

  it("refuses what is not an Airplane task", () => {
    expect(() => unitTestTask({ default: () => 1 })).toThrow(/Not an Airplane task/);
  });
});

// A task that waits an hour before it answers, as a read-back waits its settle time.
const patient = {
  __airplane: {
    type: "task",
    config: { slug: "patient" },
    baseFunc: async () => {
      await new Promise((resolve) => setTimeout(resolve, 3_600_000));
      return "answered";
    },
  },
};

describe("unitTestTask with instantWaits", () => {
  const { run: runPatient } = unitTestTask(patient, { instantWaits: true });

  it("lets the task's waits pass at once", async () => {
    await expect(runPatient()).resolves.toBe("answered");
  });
});

describe("after a test with instantWaits", () => {
  it("has real timers again", () => {
    expect(vi.isFakeTimers()).toBe(false);
  });
});
