import { describe, expect, it } from "vitest";
import { mapBounded } from "../src/mapBounded";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("mapBounded", () => {
  it("keeps the items' order when later items finish first", async () => {
    const doubled = await mapBounded([30, 10, 20, 0], 4, async (ms) => {
      await tick(ms);
      return ms * 2;
    });
    expect(doubled).toEqual([60, 20, 40, 0]);
  });

  it("pulls an async iterable only as calls finish, never more than the bound at once", async () => {
    let pulled = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    async function* items() {
      for (let i = 0; i < 10; i++) {
        pulled++;
        yield i;
      }
    }
    const pulledWhenFirstDone: number[] = [];
    const results = await mapBounded(items(), 3, async (i) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await tick(5);
      if (i === 0) pulledWhenFirstDone.push(pulled);
      inFlight--;
      return i;
    });
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mostInFlight).toBe(3);
    expect(pulledWhenFirstDone).toEqual([3]);
  });

  it("fails when the listing fails, instead of returning a partial result", async () => {
    async function* items() {
      yield 1;
      throw new Error("ListBuckets failed");
    }
    await expect(mapBounded(items(), 2, async (i) => i)).rejects.toThrow("ListBuckets failed");
  });
});
