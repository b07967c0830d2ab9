import {
  GetBucketTaggingCommand,
  type GetBucketTaggingCommandInput,
  ListBucketsCommand,
  PutBucketTaggingCommand,
  type PutBucketTaggingCommandInput,
  S3Client,
  S3ServiceException,
  type Tag,
} from "@aws-sdk/client-s3";
import { S3ControlClient, TagResourceCommand } from "@aws-sdk/client-s3-control";
import { displayedOutput, parseTaskArgs } from "@repo/task-cli";
import { leaksSessionToken, leakyAwsError, unitTestTask } from "@repo/task-test";
import airplane from "airplane";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import task from "../tag_s3_buckets.airplane";

const s3 = mockClient(S3Client);
const s3Control = mockClient(S3ControlClient);
const { config, run: runTask } = unitTestTask(task, {
  mocks: [s3, s3Control],
  defaults: { key: "team", value: "data", concurrency: 4, dry_run: false },
  instantWaits: true,
});
const run = async (params: Record<string, unknown>) =>
  runTask(params) as Promise<{
    summary: string;
    warning: string | null;
    buckets: Array<{ bucket: string; region: string | null; result: string; detail: string }>;
  }>;

// The account of the unit-test credentials (UNIT_TEST_AWS_ENV's AWS_ACCOUNT_ID).
const OWN = "123456789012";
let stored: Map<string, Tag[]>;
let inFlight = 0;
let mostInFlight = 0;

/** Buckets as S3 keeps them, answering slowly enough for concurrent requests to overlap. */
function givenBuckets(buckets: Record<string, Record<string, string>>, denied: string[] = []) {
  stored = new Map(
    Object.entries(buckets).map(([name, tags]) => [name, Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))]),
  );
  s3.on(GetBucketTaggingCommand).callsFake(async ({ Bucket = "" }: GetBucketTaggingCommandInput) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    if (denied.includes(Bucket)) {
      throw new S3ServiceException({ name: "AccessDenied", $fault: "client", $metadata: {}, message: "Access Denied" });
    }
    return { TagSet: stored.get(Bucket) ?? [] };
  });
  s3.on(PutBucketTaggingCommand).callsFake(({ Bucket = "", Tagging }: PutBucketTaggingCommandInput) => {
    stored.set(Bucket, Tagging?.TagSet ?? []);
    return {};
  });
}

beforeEach(() => {
  inFlight = 0;
  mostInFlight = 0;
  s3Control.on(TagResourceCommand).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("tag_s3_buckets", () => {
  it("is an Airplane task reading its role from a config var", () => {
    expect(config.slug).toBe("tag_s3_buckets");
    expect(config.envVars?.AWS_ROLE_ARN).toEqual({ config: "aws_role_arn_tag_s3_buckets" });
  });

  it("tags every named bucket, keeps their other tags, and reports one row per bucket", async () => {
    givenBuckets({ "b-one": { env: "prod" }, "b-two": { team: "data" }, "b-three": { team: "ops" } });

    const output = await run({ buckets: ["b-one", "b-two", "b-three"] });

    const written = { written_with: "put-bucket-tagging" };
    expect(output.buckets).toEqual([
      { account: OWN, bucket: "b-one", region: "us-east-1", result: "changed", detail: "team added", ...written },
      {
        account: OWN,
        bucket: "b-two",
        region: "us-east-1",
        result: "unchanged",
        detail: 'team already "data"',
        written_with: null,
      },
      {
        account: OWN,
        bucket: "b-three",
        region: "us-east-1",
        result: "changed",
        detail: 'team: "ops" -> "data"',
        ...written,
      },
    ]);
    expect(stored.get("b-one")).toEqual([
      { Key: "env", Value: "prod" },
      { Key: "team", Value: "data" },
    ]);
    expect(output.summary).toBe(
      'team="data" on 3 buckets: 2 changed, 1 unchanged, 0 failed. Warning: the whole tag set was replaced ' +
        "(PutBucketTagging), so a change another writer made at the same time may be lost.",
    );
    expect(output.warning).toMatch(/^Written with PutBucketTagging, which replaces the whole tag set/);
    // Airplane's run page: one table row per bucket, in the output's order.
    expect(displayedOutput(config.outputDisplay, output)).toMatchObject({
      type: "table",
      rows: [
        [OWN, "b-one", "us-east-1", "changed", "team added", "put-bucket-tagging"],
        [OWN, "b-two", "us-east-1", "unchanged", 'team already "data"', null],
        [OWN, "b-three", "us-east-1", "changed", 'team: "ops" -> "data"', "put-bucket-tagging"],
      ],
    });
  });

  it("goes on past a bucket that fails, says why, and fails the run with every row as its output", async () => {
    givenBuckets({ "b-one": {}, "b-locked": {}, "b-three": {} }, ["b-locked"]);
    const setOutput = vi.spyOn(airplane, "setOutput").mockImplementation(() => undefined);

    await expect(run({ buckets: ["b-one", "b-locked", "b-three"] })).rejects.toThrow(
      "1 of 3 buckets failed: b-locked (AccessDenied: Access Denied). Every bucket's row is in the output",
    );

    expect(setOutput).toHaveBeenCalledTimes(1);
    const [output] = setOutput.mock.calls[0] as [Awaited<ReturnType<typeof run>>];
    expect(output.buckets.map((row) => row.result)).toEqual(["changed", "failed", "changed"]);
    expect(output.buckets[1]?.detail).toBe("AccessDenied: Access Denied");
    expect(output.summary).toContain("2 changed, 0 unchanged, 1 failed");
  });

  it("lists buckets by prefix, page by page, using the regions ListBuckets gives", async () => {
    givenBuckets({ "logs-a": {}, "logs-b": {} });
    s3.on(ListBucketsCommand)
      .resolvesOnce({ Buckets: [{ Name: "logs-a", BucketRegion: "us-east-1" }], ContinuationToken: "next" })
      .resolvesOnce({ Buckets: [{ Name: "logs-b", BucketRegion: "eu-west-1" }] });

    const output = await run({ prefix: "logs-" });

    expect(output.buckets.map((row) => [row.bucket, row.region, row.result])).toEqual([
      ["logs-a", "us-east-1", "changed"],
      ["logs-b", "eu-west-1", "changed"],
    ]);
    const reads = s3.commandCalls(GetBucketTaggingCommand).map((call) => call.thisValue as S3Client);
    const regions = await Promise.all(reads.map((client) => client.config.region()));
    // Each bucket read in its own region: once to plan, twice to confirm (at once and after settling).
    expect(regions.sort()).toEqual(["eu-west-1", "eu-west-1", "eu-west-1", "us-east-1", "us-east-1", "us-east-1"]);
  });

  it("logs no share while the listing grows, then the real one, and no more than a line a second", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const names = Array.from({ length: 15 }, (_, i) => `logs-${String(i).padStart(2, "0")}`);
      givenBuckets(Object.fromEntries(names.map((name) => [name, {}])));
      const page = (from: number, ContinuationToken?: string) => ({
        Buckets: names.slice(from, from + 5).map((Name) => ({ Name, BucketRegion: "us-east-1" })),
        ...(ContinuationToken ? { ContinuationToken } : {}),
      });
      s3.on(ListBucketsCommand).resolvesOnce(page(0, "p2")).resolvesOnce(page(5, "p3")).resolvesOnce(page(10));
      // Writes of one key, which need no read-back after a settle time: the clock stands still for real.
      s3Control.on(TagResourceCommand).resolves({});
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined);

      await run({ prefix: "logs-" });

      // The clock stands still: the first line and the last, nothing in between.
      expect(log.mock.calls.map(([line]) => String(line))).toEqual([
        expect.stringMatching(/^Progress: 1 buckets done, 5 listed so far, listing, 0 failed, /),
        expect.stringMatching(/^Progress: 15\/15 buckets \(100%\), 0 failed, /),
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never has more buckets in flight than the concurrency", async () => {
    givenBuckets(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`bucket-${i}`, {}])));
    await run({ buckets: [...stored.keys()], concurrency: 3 });
    expect(mostInFlight).toBe(3);
  });

  it("writes nothing on a dry run", async () => {
    givenBuckets({ "b-one": {} });
    const output = await run({ buckets: ["b-one"], dry_run: true });

    expect(output.buckets[0]?.result).toBe("would change");
    expect(s3.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
    expect(output.summary).toMatch(/^Dry run: .* 1 would change/);
  });

  it("needs the value given, even empty, as Airplane's form and npm run task ask for it", async () => {
    const { parameters } = config;
    const args = ["--prefix", "logs-", "--key", "team"];
    expect(() => parseTaskArgs(args, parameters)).toThrow(/^Missing required parameter --value \(Tag value: /);
    expect(parseTaskArgs([...args, "--value", ""], parameters)).toMatchObject({ value: "" });

    givenBuckets({ "b-one": { team: "data" } });
    const output = await run({ buckets: ["b-one"], value: "" });
    expect(output.buckets.map((row) => row.detail)).toEqual(['team: "data" -> ""']);
  });

  it.each([
    [{ buckets: ["b-one"], prefix: "b-" }, /names or a prefix, not both/],
    [{}, /Choose the buckets/],
    [{ prefix: "" }, /An empty prefix is refused/],
    [{ buckets: ["ok-bucket", "Not_OK"] }, /buckets "Not_OK" is not a valid S3 bucket name/],
    [{ buckets: ["b-one"], concurrency: 0 }, /concurrency must be a whole number from 1 to 64/],
    [{ buckets: ["b-one"], key: "aws:x" }, /reserves for its own tags/],
    [{ buckets: ["b-one"], value: undefined }, /Give the tag value \(value\): a run without one is refused/],
    [{ buckets: ["b-one"], value: null }, /For an empty value, give it explicitly: --value ""/],
  ])("refuses %o before any AWS call", async (params, message) => {
    await expect(run(params)).rejects.toThrow(message);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe("tag_s3_buckets errors", () => {
  it("leave the task with their message and AWS code, and without the request or response", async () => {
    s3.on(ListBucketsCommand).rejects(leakyAwsError());
    const error = await run({ prefix: "demo-" }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(String((error as Error).message)).toContain("Access Denied");
    expect(leaksSessionToken(error)).toBe(false);
  });
});
