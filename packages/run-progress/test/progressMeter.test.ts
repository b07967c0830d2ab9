import { describe, expect, it } from "vitest";
import { formatProgressLine, ProgressMeter } from "../src/index";

/** A meter on a clock the test moves by hand. */
function meterAt(options: { everyFraction?: number; everyMs?: number } = {}) {
  const clock = { ms: 1_000 };
  const meter = new ProgressMeter({ now: () => clock.ms, unit: "buckets", ...options });
  return { clock, meter };
}

/** The done counts at which a report came, recording `count` items `stepMs` apart. */
function reportsWhile(meter: ProgressMeter, clock: { ms: number }, count: number, stepMs: number): number[] {
  const at: number[] = [];
  for (let index = 0; index < count; index++) {
    clock.ms += stepMs;
    const snapshot = meter.record("ok");
    if (snapshot) at.push(snapshot.done);
  }
  return at;
}

describe("ProgressMeter", () => {
  it("reports at the first item, then every 5 % of a known total, and at the end", () => {
    const { clock, meter } = meterAt();
    meter.found(2000);
    meter.allFound();
    // 100 buckets (5 %) a second.
    const at = reportsWhile(meter, clock, 2000, 10);
    expect(at).toHaveLength(21);
    expect(at.slice(0, 3)).toEqual([1, 101, 201]);
    expect(at.at(-1)).toBe(2000);
  });

  it("reports every 10 s when 5 % takes longer", () => {
    const { clock, meter } = meterAt();
    meter.found(1000);
    meter.allFound();
    // One bucket a second: 5 % (50 buckets) would take 50 s, so the 10 s rule decides.
    const at = reportsWhile(meter, clock, 35, 1000);
    expect(at).toEqual([1, 11, 21, 31]);
  });

  it("while a listing grows page by page, gives no share, and never more than a line a second after the first", () => {
    const { clock, meter } = meterAt();
    const lines: Array<{ at: number; line: string }> = [];
    // 1,000 buckets in 2.7 s, listed 100 at a time, each page read while the buckets before it are tagged.
    for (let bucket = 0; bucket < 1000; bucket++) {
      if (bucket % 100 === 0) meter.found(100);
      if (bucket === 900) meter.allFound();
      clock.ms += 2.7;
      const snapshot = meter.record("ok");
      if (snapshot) lines.push({ at: clock.ms, line: formatProgressLine(snapshot) });
    }

    expect(lines.length).toBeLessThanOrEqual(4);
    for (let index = 1; index < lines.length - 1; index++) {
      expect((lines[index]?.at ?? 0) - (lines[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    }
    const [first, ...rest] = lines.map(({ line }) => line);
    expect(first).toMatch(/^Progress: 1 buckets done, 100 listed so far, listing, 0 failed, /);
    for (const line of rest.slice(0, -1))
      expect(line).toMatch(/^Progress: \d+ buckets done, \d+ listed so far, listing,/);
    expect(rest.at(-1)).toMatch(/^Progress: 1000\/1000 buckets \(100%\), 0 failed, /);
  });

  it("gives the real share once the listing has ended", () => {
    const { clock, meter } = meterAt();
    meter.found(1000);
    reportsWhile(meter, clock, 813, 10);
    meter.found(1);
    meter.allFound();
    clock.ms += 10_000;
    const snapshot = meter.record("ok");
    expect(snapshot && formatProgressLine(snapshot)).toMatch(/^Progress: 814\/1001 buckets \(81%\), 0 failed, /);
  });

  it("reports every 10 s while no item finishes, when asked by the run's timer", () => {
    const { clock, meter } = meterAt();
    meter.found(3);
    meter.allFound();
    clock.ms += 9_999;
    expect(meter.idle()).toBeUndefined();
    clock.ms += 1;
    expect(meter.idle()).toMatchObject({ done: 0, total: 3, elapsedMs: 10_000 });
    clock.ms += 5_000;
    expect(meter.idle()).toBeUndefined();
    // An item finishing restarts the 10 s: the timer's next report comes 10 s after it.
    expect(meter.record("ok")).toMatchObject({ done: 1 });
    clock.ms += 9_000;
    expect(meter.idle()).toBeUndefined();
    clock.ms += 1_000;
    expect(meter.idle()).toMatchObject({ done: 1, elapsedMs: 25_000 });
  });

  it("counts failures and the rate since the start", () => {
    const { clock, meter } = meterAt({ everyFraction: 0.5 });
    meter.found(4);
    meter.allFound();
    clock.ms += 500;
    expect(meter.record("failed")).toMatchObject({ done: 1, failed: 1 });
    clock.ms += 1000;
    expect(meter.record("ok")).toBeUndefined();
    clock.ms += 1000;
    expect(meter.record("ok")).toEqual({
      done: 3,
      failed: 1,
      total: 4,
      totalKnown: true,
      elapsedMs: 2500,
      unit: "buckets",
    });
  });

  it("does not call a growing run finished when it catches up with the listing", () => {
    const { clock, meter } = meterAt({ everyFraction: 1 });
    meter.found(3);
    expect(reportsWhile(meter, clock, 3, 1)).toEqual([1]);
    meter.found(2);
    expect(reportsWhile(meter, clock, 1, 1)).toEqual([]);
    meter.allFound();
    expect(reportsWhile(meter, clock, 1, 1)).toEqual([5]);
  });
});
