import { describe, expect, it, vi } from "vitest";
import { backoffDelayMs, retry } from "../src/retry";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe("backoffDelayMs", () => {
  it("doubles the ceiling each attempt up to the cap", () => {
    const highest = { ...policy, random: () => 0.999999 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, highest))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it("draws the delay below the ceiling (full jitter)", () => {
    expect(backoffDelayMs(3, { ...policy, random: () => 0 })).toBe(0);
    expect(backoffDelayMs(3, { ...policy, random: () => 0.5 })).toBe(200);
  });
});

describe("retry", () => {
  it("retries a retryable failure and passes the previous error to the next attempt", async () => {
    const sleep = vi.fn(async () => undefined);
    const seen: unknown[] = [];
    const first = new Error("transient");
    const result = await retry(
      async (attempt, previousError) => {
        seen.push(previousError);
        if (attempt === 1) throw first;
        return "ok";
      },
      () => true,
      { ...policy, sleep },
    );
    expect(result).toBe("ok");
    expect(seen).toEqual([undefined, first]);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it("throws a final error at once", async () => {
    const operation = vi.fn(async () => {
      throw new Error("final");
    });
    await expect(retry(operation, () => false, { ...policy, sleep: async () => undefined })).rejects.toThrow("final");
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it("stops after maxAttempts and throws the last error", async () => {
    let attempts = 0;
    const operation = async () => {
      attempts++;
      throw new Error(`failure ${attempts}`);
    };
    await expect(retry(operation, () => true, { ...policy, sleep: async () => undefined })).rejects.toThrow(
      "failure 5",
    );
    expect(attempts).toBe(5);
  });
});
