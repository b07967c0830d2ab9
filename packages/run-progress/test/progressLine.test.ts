import { describe, expect, it } from "vitest";
import { formatProgressLine, parseProgressLine, progressBar, type ProgressSnapshot } from "../src/index";

const SNAPSHOT: ProgressSnapshot = {
  done: 120,
  failed: 3,
  total: 2000,
  totalKnown: true,
  elapsedMs: 2650,
  unit: "buckets",
};

describe("progress lines", () => {
  it("say done / total, the share, failures so far and the rate", () => {
    expect(formatProgressLine(SNAPSHOT)).toBe("Progress: 120/2000 buckets (6%), 3 failed, 45.3/s after 2.6 s");
  });

  it("give no share while the total still grows", () => {
    expect(formatProgressLine({ ...SNAPSHOT, total: 135, totalKnown: false })).toBe(
      "Progress: 120 buckets done, 135 listed so far, listing, 3 failed, 45.3/s after 2.6 s",
    );
  });

  it("read back into the snapshot they report (to the tenth of a second)", () => {
    expect(parseProgressLine(formatProgressLine(SNAPSHOT))).toEqual({ ...SNAPSHOT, elapsedMs: 2600 });
    const growing = { ...SNAPSHOT, total: 135, totalKnown: false };
    expect(parseProgressLine(formatProgressLine(growing))).toEqual({ ...growing, elapsedMs: 2600 });
  });

  it("leave every other line alone", () => {
    expect(parseProgressLine("Progress: a task's own text")).toBeUndefined();
    expect(parseProgressLine("airplane_output_set {}")).toBeUndefined();
  });

  it("draw as a bar filled in proportion", () => {
    expect(progressBar({ ...SNAPSHOT, done: 1000 }, 10)).toBe(
      "[#####.....] 1000/2000 buckets 50% · 3 failed · 377.4/s",
    );
    expect(progressBar({ ...SNAPSHOT, done: 0, total: 0 }, 4)).toMatch(/^\[\.\.\.\.\] 0\/0 buckets 0%/);
  });

  it("draw no bar while the total still grows", () => {
    expect(progressBar({ ...SNAPSHOT, total: 135, totalKnown: false })).toBe(
      "120 buckets done, 135 listed so far, listing · 3 failed · 45.3/s",
    );
  });
});
