import { DEMO_BUCKET, testStackConfig } from "@repo/local-run";
import { airplaneDefinition, STAND_IN_MODES, withRunEnvironment } from "@repo/task-test";
import { type LocalStack, startLocalStack } from "@repo/local-stack";
import { describe, expect, it } from "vitest";
import addS3BucketTag from "../add_s3_bucket_tag.airplane";

// 20 calls of add_s3_bucket_tag's handler at once on one bucket, each adding a key of its own,
// through the real SDKs against the stand-in: 20 writers, each with its own tagger and clients.
// In one process, to keep 20 writers cheap on two cores, so in one run's environment: they share
// its credentials (one token, one STS session), which has no part in how their writes interleave.
const WRITERS = 20;
const { baseFunc } = airplaneDefinition(addS3BucketTag);

interface Report {
  summary: string;
  warning: string | null;
  written_with: string | null;
  tags_after: Array<{ key: string; value: string }>;
}

interface Outcome {
  key: string;
  report?: Report;
  error?: Error;
}

async function writeConcurrently(stack: LocalStack): Promise<Outcome[]> {
  // Requests that take a while, and writers that start a little apart, as real runs do: reads and
  // writes of different writers interleave.
  stack.inject({ service: "s3", latencyMs: 25 });
  return withRunEnvironment(stack, addS3BucketTag, {}, () =>
    Promise.all(
      Array.from({ length: WRITERS }, async (_, index): Promise<Outcome> => {
        const key = `writer-${String(index).padStart(2, "0")}`;
        await new Promise((resolve) => setTimeout(resolve, index * 15));
        try {
          return {
            key,
            report: (await baseFunc({ bucket: DEMO_BUCKET.name, key, value: "v", dry_run: false })) as Report,
          };
        } catch (error) {
          return { key, error: error as Error };
        }
      }),
    ),
  );
}

describe.each(STAND_IN_MODES)("$writtenWith: 20 runs adding a key each to one bucket, at once", (mode) => {
  it("says what happened to every change", { timeout: 180_000 }, async () => {
    const stack = await startLocalStack({ config: testStackConfig([DEMO_BUCKET]), s3Compatible: mode.s3Compatible });
    try {
      const outcomes = await writeConcurrently(stack);
      const final = stack.bucketTags(DEMO_BUCKET.name);
      const succeeded = outcomes.filter((outcome) => outcome.report);
      const failed = outcomes.filter((outcome) => outcome.error);
      const lost = outcomes.filter((outcome) => final[outcome.key] !== "v");
      // A run that exited 0 saw its own change at its final check (its tags_after is that read).
      const unseenAtFinalCheck = succeeded.filter(
        (outcome) => !outcome.report?.tags_after.some((tag) => tag.key === outcome.key && tag.value === "v"),
      );
      const lostAfterSuccess = lost.filter((outcome) => outcome.report);
      const warned = succeeded.filter(
        (outcome) => outcome.report?.warning && outcome.report.summary.includes("Warning: the whole tag set"),
      );
      process.stdout.write(
        `concurrent writers, ${mode.writtenWith}: ${WRITERS} runs, ${succeeded.length} exited 0, ${failed.length} failed, ` +
          `${lost.length} changes lost at the end (${lostAfterSuccess.length} of them by runs that exited 0), ` +
          `${unseenAtFinalCheck.length} runs exited 0 without their change at their final check, ` +
          `${warned.length} of ${succeeded.length} successful outputs carry the warning; the other tags kept: ` +
          `${Object.entries(DEMO_BUCKET.tags ?? {}).every(([key, value]) => final[key] === value)}\n`,
      );

      for (const [key, value] of Object.entries(DEMO_BUCKET.tags ?? {})) expect(final[key]).toBe(value);
      expect(unseenAtFinalCheck).toEqual([]);
      if (mode.writtenWith === "s3-control") {
        expect(failed.map((outcome) => outcome.error?.message)).toEqual([]);
        expect(lost).toEqual([]);
      } else {
        expect(warned).toHaveLength(succeeded.length);
        for (const { error } of failed) expect(error?.message).toMatch(/^Our change to bucket demo-bucket is gone/);
      }
    } finally {
      await stack.stop();
    }
  });
});
