import { describe, expect, it } from "vitest";
import { InvalidInputError, isWrite, planTagChange, type Tag } from "../src/index";

const existing: Tag[] = [
  { key: "team", value: "platform" },
  { key: "cost-center", value: "cc-1234" },
];

const manyTags = (count: number): Tag[] => Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe("planTagChange", () => {
  it("adds a new key after every existing tag", () => {
    const plan = planTagChange("b", existing, { kind: "set", key: "owner", value: "data" });
    expect(plan.outcome).toBe("added");
    expect(plan.tagsAfter).toEqual([...existing, { key: "owner", value: "data" }]);
    expect(plan.oldValue).toBeUndefined();
    expect(isWrite(plan)).toBe(true);
  });

  it("updates an existing key in place and reports the old value", () => {
    const plan = planTagChange("b", existing, { kind: "set", key: "team", value: "data" });
    expect(plan).toMatchObject({ outcome: "updated", oldValue: "platform", newValue: "data" });
    expect(plan.tagsAfter).toEqual([
      { key: "team", value: "data" },
      { key: "cost-center", value: "cc-1234" },
    ]);
  });

  it("treats keys as case-sensitive", () => {
    const plan = planTagChange("b", existing, { kind: "set", key: "Team", value: "platform" });
    expect(plan.outcome).toBe("added");
    expect(plan.tagsAfter).toHaveLength(3);
  });

  it("writes nothing when the tag is already there with that value", () => {
    const plan = planTagChange("b", existing, { kind: "set", key: "team", value: "platform" });
    expect(plan.outcome).toBe("unchanged");
    expect(plan.tagsAfter).toBe(existing);
    expect(isWrite(plan)).toBe(false);
  });

  it("allows an empty value", () => {
    expect(planTagChange("b", existing, { kind: "set", key: "flag", value: "" }).tagsAfter.at(-1)).toEqual({
      key: "flag",
      value: "",
    });
  });

  it("allows the 50th tag and refuses the 51st before anything is written", () => {
    expect(planTagChange("b", manyTags(49), { kind: "set", key: "last", value: "x" }).tagsAfter).toHaveLength(50);
    const attempt = () => planTagChange("b", manyTags(50), { kind: "set", key: "one-more", value: "x" });
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow('Adding key "one-more" would give bucket "b" 51 tags; S3 allows at most 50');
  });

  it("still updates a key of a bucket that has 50 tags", () => {
    expect(planTagChange("b", manyTags(50), { kind: "set", key: "k3", value: "new" }).outcome).toBe("updated");
  });

  it("removes one key and keeps the others", () => {
    const plan = planTagChange("b", existing, { kind: "remove", key: "team" });
    expect(plan).toMatchObject({ outcome: "removed", oldValue: "platform" });
    expect(plan.tagsAfter).toEqual([{ key: "cost-center", value: "cc-1234" }]);
  });

  it("removing a missing key changes nothing", () => {
    const plan = planTagChange("b", existing, { kind: "remove", key: "owner" });
    expect(plan.outcome).toBe("absent");
    expect(isWrite(plan)).toBe(false);
  });
});
