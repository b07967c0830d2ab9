import { describe, expect, it } from "vitest";
import { ProgressMeter } from "../src/index";

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
  it("reports every 5 % of a known total, and at the end", () => {
    const { clock, meter } = meterAt();
    meter.found(2000);
    meter.allFound();
    const at = reportsWhile(meter, clock, 2000, 1);
    expect(at).toHaveLength(20);
    expect(at.slice(0, 3)).toEqual([100, 200, 300]);
    expect(at.at(-1)).toBe(2000);
  });

  it("reports every 10 s when 5 % takes longer, and never more often", () => {
    const { clock, meter } = meterAt();
    meter.found(1000);
    meter.allFound();
    // One bucket a second: 5 % (50 buckets) would take 50 s, so the 10 s rule decides.
    const at = reportsWhile(meter, clock, 35, 1000);
    expect(at).toEqual([10, 20, 30]);
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
    expect(meter.record("failed")).toBeUndefined();
    clock.ms += 500;
    expect(meter.record("ok")).toEqual({
      done: 2,
      failed: 1,
      total: 4,
      totalKnown: true,
      elapsedMs: 1000,
      unit: "buckets",
    });
  });

  it("keeps a growing total open, and steps by 5 % of what is found so far", () => {
    const { clock, meter } = meterAt();
    meter.found(100);
    expect(reportsWhile(meter, clock, 10, 1)).toEqual([5, 10]);
    expect(meter.snapshot()).toMatchObject({ total: 100, totalKnown: false });
    meter.found(100); // a second page: 5 % is now 10 buckets
    expect(reportsWhile(meter, clock, 20, 1)).toEqual([20, 30]);
  });

  it("does not call a growing run finished when it catches up with the listing", () => {
    const { clock, meter } = meterAt({ everyFraction: 1 });
    meter.found(3);
    expect(reportsWhile(meter, clock, 3, 1)).toEqual([3]);
    meter.found(2);
    expect(reportsWhile(meter, clock, 1, 1)).toEqual([]);
    meter.allFound();
    expect(reportsWhile(meter, clock, 1, 1)).toEqual([5]);
  });
});
