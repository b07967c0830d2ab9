import {
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  PutBucketTaggingCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import {
  S3ControlClient,
  S3ControlServiceException,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-s3-control";
import { mockClient } from "aws-sdk-client-mock";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BucketTagger,
  NoSuchBucketError,
  type Tag,
  TAG_CHANGE_OUTPUT_DISPLAY,
  tagChangeReport,
  TagChangeNotConfirmedError,
  WHOLE_SET_REPLACED_WARNING,
} from "../src/index";

const s3 = mockClient(S3Client);
const s3Control = mockClient(S3ControlClient);
const sts = mockClient(STSClient);
const ACCOUNT = "123456789012";

const credentials = async () => ({ accessKeyId: "ASIA", secretAccessKey: "secret", accountId: ACCOUNT });
const newTagger = () =>
  new BucketTagger({ credentials, region: "us-east-1", confirm: { attempts: 2, delayMs: 1, settleMs: 1 } });

const s3Error = (name: string, httpStatusCode: number) =>
  new S3ServiceException({ name, message: name, $fault: "client", $metadata: { httpStatusCode } });
const accessDenied = () =>
  new S3ControlServiceException({
    name: "AccessDenied",
    message: "Access Denied",
    $fault: "client",
    $metadata: { httpStatusCode: 403 },
  });

const tagSet = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** GetBucketTagging answers from the first set, then from the next ones (the reads after a write). */
function givenTagReads(...reads: Array<Record<string, string> | "none">) {
  const get = s3.on(GetBucketTaggingCommand);
  for (const read of reads) {
    if (read === "none") get.rejectsOnce(s3Error("NoSuchTagSet", 404));
    else get.resolvesOnce({ TagSet: tagSet(read) });
  }
}

const putTagSets = () => s3.commandCalls(PutBucketTaggingCommand).map((call) => call.args[0].input.Tagging?.TagSet);

beforeEach(() => {
  s3.reset();
  s3Control.reset();
  sts.reset();
  vi.stubEnv("AWS_ENDPOINT_URL", undefined);
  vi.stubEnv("AWS_ENDPOINT_URL_S3", undefined);
  vi.stubEnv("AWS_ENDPOINT_URL_S3_CONTROL", undefined);
  vi.stubEnv("AWS_S3_FORCE_PATH_STYLE", undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** S3 keeping each bucket's tags, so that concurrent read-merge-writes meet as they would on S3. */
function givenStoredTags(tags: Record<string, Record<string, string>>) {
  const stored = new Map(Object.entries(tags).map(([bucket, set]) => [bucket, tagSet(set)]));
  s3.on(GetBucketTaggingCommand).callsFake(async ({ Bucket = "" }: { Bucket?: string }) => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    return { TagSet: stored.get(Bucket) ?? [] };
  });
  s3.on(PutBucketTaggingCommand).callsFake(
    ({ Bucket = "", Tagging }: { Bucket?: string; Tagging?: { TagSet?: Array<{ Key?: string; Value?: string }> } }) => {
      stored.set(
        Bucket,
        (Tagging?.TagSet ?? []).map(({ Key = "", Value = "" }) => ({ Key, Value })),
      );
      return {};
    },
  );
  return stored;
}

describe("BucketTagger.read", () => {
  it("follows S3's redirect to a bucket in another region, and reads through a client for it", async () => {
    const redirect = Object.assign(s3Error("PermanentRedirect", 301), {
      $response: { headers: { "x-amz-bucket-region": "eu-west-1" } },
    });
    const regions: string[] = [];
    s3.on(GetBucketTaggingCommand).callsFake(async (_input, getClient) => {
      const region = await getClient().config.region();
      regions.push(region);
      if (region !== "eu-west-1") throw redirect;
      return { TagSet: tagSet({ team: "platform" }) };
    });

    const { region, tags } = await newTagger().read("far-bucket");

    expect(region).toBe("eu-west-1");
    expect(tags).toEqual<Tag[]>([{ key: "team", value: "platform" }]);
    expect(regions).toEqual(["us-east-1", "eu-west-1"]);
  });

  it("asks the region the caller knows", async () => {
    givenTagReads("none");
    await expect(newTagger().read("b", "ap-south-1")).resolves.toEqual({ region: "ap-south-1", tags: [] });
    const reader = s3.commandCalls(GetBucketTaggingCommand)[0]?.thisValue as S3Client;
    await expect(reader.config.region()).resolves.toBe("ap-south-1");
  });

  it("passes on an error that is not a redirect", async () => {
    s3.on(GetBucketTaggingCommand).rejects(s3Error("AccessDenied", 403));
    await expect(newTagger().read("locked")).rejects.toThrow("AccessDenied");
    expect(s3.commandCalls(GetBucketTaggingCommand)).toHaveLength(1);
  });

  it("names a missing bucket, which S3's NoSuchBucket does not, and keeps S3's error as the cause", async () => {
    const missing = s3Error("NoSuchBucket", 404);
    s3.on(GetBucketTaggingCommand).rejects(missing);
    const error = await newTagger()
      .read("missing-bucket")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoSuchBucketError);
    expect(error).toMatchObject({ name: "NoSuchBucket", bucket: "missing-bucket", cause: missing });
    expect((error as Error).message).toMatch(/^Bucket "missing-bucket" does not exist/);
  });
});

describe("BucketTagger.change through S3 Control", () => {
  it("sets one key with TagResource, never rewriting the other tags, whose success confirms it", async () => {
    givenTagReads({ team: "platform", env: "prod" });
    s3Control.on(TagResourceCommand).resolves({});

    const result = await newTagger().change("b", { kind: "set", key: "owner", value: "data" }, { dryRun: false });

    expect(s3Control.commandCalls(TagResourceCommand)[0]?.args[0].input).toEqual({
      AccountId: ACCOUNT,
      ResourceArn: "arn:aws:s3:::b",
      Tags: [{ Key: "owner", Value: "data" }],
    });
    expect(s3.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
    expect(result).toMatchObject({ outcome: "added", method: "s3-control", region: "us-east-1" });
    expect(result.tagsAfter).toEqual([...result.tagsBefore, { key: "owner", value: "data" }]);
    expect(s3.commandCalls(GetBucketTaggingCommand)).toHaveLength(1);
  });

  it("removes one key with UntagResource", async () => {
    givenTagReads({ team: "platform", env: "prod" });
    s3Control.on(UntagResourceCommand).resolves({});

    const result = await newTagger().change("b", { kind: "remove", key: "team" }, { dryRun: false });

    expect(s3Control.commandCalls(UntagResourceCommand)[0]?.args[0].input).toEqual({
      AccountId: ACCOUNT,
      ResourceArn: "arn:aws:s3:::b",
      TagKeys: ["team"],
    });
    expect(result).toMatchObject({ outcome: "removed", oldValue: "platform", method: "s3-control" });
  });

  it("does not fall back on a failure that would hit any write, and writes nothing else", async () => {
    givenTagReads({ team: "platform" });
    s3Control.on(TagResourceCommand).rejects(s3Error("NoSuchBucket", 404));

    await expect(
      newTagger().change("b", { kind: "set", key: "owner", value: "data" }, { dryRun: false }),
    ).rejects.toThrow("NoSuchBucket");
    expect(s3.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
  });
});

describe("BucketTagger.change falling back to read-merge-write", () => {
  it("writes the merged set with PutBucketTagging when S3 Control is denied, and warns what may be lost", async () => {
    const after = { team: "platform", env: "prod", owner: "data" };
    givenTagReads({ team: "platform", env: "prod" }, after, after);
    s3Control.on(TagResourceCommand).rejects(accessDenied());

    const result = await newTagger().change("b", { kind: "set", key: "owner", value: "data" }, { dryRun: false });

    expect(putTagSets()).toEqual([tagSet(after)]);
    expect(result).toMatchObject({
      method: "put-bucket-tagging",
      outcome: "added",
      warning: WHOLE_SET_REPLACED_WARNING,
    });
    const report = tagChangeReport(result);
    expect(report.warning).toBe(WHOLE_SET_REPLACED_WARNING);
    expect(report.summary).toBe(
      'Added "owner"="data" to bucket b; 2 other tags kept. Warning: the whole tag set was replaced ' +
        "(PutBucketTagging), so a change another writer made at the same time may be lost.",
    );
    // Read to plan, read back at once, and once more after the settle time.
    expect(s3.commandCalls(GetBucketTaggingCommand)).toHaveLength(3);
  });

  it("asks S3 Control once per tagger, not once per bucket", async () => {
    givenTagReads({}, { a: "1" }, { a: "1" }, {}, { a: "1" }, { a: "1" });
    s3Control.on(TagResourceCommand).rejects(accessDenied());
    const tagger = newTagger();

    await tagger.change("one", { kind: "set", key: "a", value: "1" }, { dryRun: false });
    await tagger.change("two", { kind: "set", key: "a", value: "1" }, { dryRun: false });

    expect(s3Control.commandCalls(TagResourceCommand)).toHaveLength(1);
    expect(putTagSets()).toHaveLength(2);
  });

  it("deletes the tag set when the last tag goes, since S3 refuses an empty one", async () => {
    givenTagReads({ team: "platform" }, "none", "none");
    s3Control.on(UntagResourceCommand).rejects(accessDenied());

    const result = await newTagger().change("b", { kind: "remove", key: "team" }, { dryRun: false });

    expect(s3.commandCalls(DeleteBucketTaggingCommand)).toHaveLength(1);
    expect(result.tagsAfter).toEqual([]);
  });

  it("fails when the read-back does not show our own change", async () => {
    givenTagReads({ team: "platform" }, { team: "someone-else" }, { team: "someone-else" });
    s3Control.on(TagResourceCommand).rejects(accessDenied());

    const change = newTagger().change("b", { kind: "set", key: "owner", value: "data" }, { dryRun: false });

    await expect(change).rejects.toThrow(TagChangeNotConfirmedError);
    await expect(change).rejects.toThrow(
      /^Our change to bucket b is gone: we wrote "owner"="data", and right after our write the bucket has no tag "owner"\./,
    );
  });

  it("fails when our change is gone after the settle time, replaced by a writer just after us", async () => {
    givenTagReads({ team: "platform" }, { team: "platform", owner: "data" }, { team: "platform", owner: "other" });
    s3Control.on(TagResourceCommand).rejects(accessDenied());

    await expect(
      newTagger().change("b", { kind: "set", key: "owner", value: "data" }, { dryRun: false }),
    ).rejects.toThrow(/we wrote "owner"="data", and 1 ms after our write the bucket has "owner"="other"/);
  });

  it("does not fail when another writer changed only other keys after ours", async () => {
    givenTagReads({ team: "platform" }, { team: "platform", owner: "data" }, { team: "ops", owner: "data" });
    s3Control.on(TagResourceCommand).rejects(accessDenied());

    const result = await newTagger().change("b", { kind: "set", key: "owner", value: "data" }, { dryRun: false });
    expect(result.tagsAfter).toEqual([
      { key: "team", value: "ops" },
      { key: "owner", value: "data" },
    ]);
  });

  it("makes changes to one bucket one at a time, so none overwrites another of the same run", async () => {
    const stored = givenStoredTags({ b: { team: "platform" }, c: {} });
    s3Control.on(TagResourceCommand).rejects(accessDenied());
    const tagger = newTagger();

    await Promise.all(
      ["k1", "k2", "k3"].flatMap((key) => [
        tagger.change("b", { kind: "set", key, value: "v" }, { dryRun: false }),
        tagger.change("c", { kind: "set", key, value: "v" }, { dryRun: false }),
      ]),
    );

    expect(stored.get("b")).toEqual(tagSet({ team: "platform", k1: "v", k2: "v", k3: "v" }));
    expect(stored.get("c")).toEqual(tagSet({ k1: "v", k2: "v", k3: "v" }));
  });

  it.each(["ENOTFOUND", "ECONNREFUSED"])("falls back when S3 Control cannot be reached (%s)", async (code) => {
    givenTagReads({}, { a: "1" }, { a: "1" });
    s3Control.on(TagResourceCommand).rejects(Object.assign(new Error(`connect ${code}`), { code }));

    const result = await newTagger().change("b", { kind: "set", key: "a", value: "1" }, { dryRun: false });
    expect(result.method).toBe("put-bucket-tagging");
  });
});

describe("BucketTagger with an S3-compatible store", () => {
  it.each([
    ["AWS_ENDPOINT_URL_S3", {}],
    ["the endpoint option", { endpoint: "http://minio.example:9000" }],
  ])("never calls S3 Control nor looks the account up when S3's endpoint is overridden by %s", async (how, options) => {
    if (how === "AWS_ENDPOINT_URL_S3") vi.stubEnv("AWS_ENDPOINT_URL_S3", "http://minio.example:9000");
    givenTagReads({}, { a: "1" }, { a: "1" });
    const noAccount = async () => ({ accessKeyId: "AKIA", secretAccessKey: "secret" });
    const tagger = new BucketTagger({
      credentials: noAccount,
      region: "us-east-1",
      confirm: { attempts: 2, delayMs: 1, settleMs: 1 },
      ...options,
    });

    const result = await tagger.change("b", { kind: "set", key: "a", value: "1" }, { dryRun: false });

    expect(result.method).toBe("put-bucket-tagging");
    expect(s3Control.calls()).toHaveLength(0);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });

  it("still uses S3 Control when its endpoint is overridden too", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000");
    vi.stubEnv("AWS_ENDPOINT_URL_S3_CONTROL", "http://localhost:9001");
    givenTagReads({});
    s3Control.on(TagResourceCommand).resolves({});

    const result = await newTagger().change("b", { kind: "set", key: "a", value: "1" }, { dryRun: false });
    expect(result.method).toBe("s3-control");
  });

  it.each([
    ["true", true],
    ["1", true],
    ["false", false],
    [undefined, false],
  ])("takes path-style addressing from AWS_S3_FORCE_PATH_STYLE=%s", async (value, forced) => {
    vi.stubEnv("AWS_S3_FORCE_PATH_STYLE", value);
    givenTagReads({});
    await newTagger().read("b");
    const client = s3.commandCalls(GetBucketTaggingCommand)[0]?.thisValue as S3Client;
    expect(client.config.forcePathStyle).toBe(forced);
  });

  it("refuses an AWS_S3_FORCE_PATH_STYLE it cannot read, naming it", () => {
    vi.stubEnv("AWS_S3_FORCE_PATH_STYLE", "yes please");
    expect(newTagger).toThrow('AWS_S3_FORCE_PATH_STYLE is "yes please": set it to true');
  });
});

describe("BucketTagger.change without a write", () => {
  it("writes nothing when the identical tag is already there", async () => {
    givenTagReads({ team: "platform" });
    const result = await newTagger().change("b", { kind: "set", key: "team", value: "platform" }, { dryRun: false });

    expect(result.outcome).toBe("unchanged");
    expect(s3Control.calls()).toHaveLength(0);
    expect(s3.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
  });

  it("writes nothing on a dry run and reports what would change", async () => {
    givenTagReads({ team: "platform" });
    const result = await newTagger().change("b", { kind: "set", key: "team", value: "data" }, { dryRun: true });

    expect(s3Control.calls()).toHaveLength(0);
    expect(s3.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
    expect(tagChangeReport(result)).toEqual({
      summary: 'Dry run: would update "team" on bucket b from "platform" to "data"; 0 other tags kept.',
      bucket: "b",
      region: "us-east-1",
      outcome: "updated",
      dry_run: true,
      written_with: null,
      warning: null,
      change: { key: "team", old_value: "platform", new_value: "data" },
      tags_before: [{ key: "team", value: "platform" }],
      tags_after: [{ key: "team", value: "data" }],
      // What Airplane's run page lists ({{output.rows}}): no "Written with" or "Warning" on a dry run.
      rows: [
        {
          term: "Result",
          description: 'Dry run: would update "team" on bucket b from "platform" to "data"; 0 other tags kept.',
        },
        { term: "Bucket", description: "b" },
        { term: "Region", description: "us-east-1" },
        { term: "Key", description: "team" },
        { term: "Value before", description: "platform" },
        { term: "Value after", description: "data" },
        { term: "Tags after", description: "team=data" },
      ],
    });
    expect(TAG_CHANGE_OUTPUT_DISPLAY).toEqual({ type: "descriptionList", value: "{{output.rows}}" });
  });

  it("refuses a 51st tag before writing anything", async () => {
    givenTagReads(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])));
    await expect(newTagger().change("b", { kind: "set", key: "x", value: "y" }, { dryRun: false })).rejects.toThrow(
      /51 tags/,
    );
    expect(s3Control.calls()).toHaveLength(0);
    expect(s3.commandCalls(PutBucketTaggingCommand)).toHaveLength(0);
  });
});
