import { ListAccountsCommand, type ListAccountsCommandInput, OrganizationsClient } from "@aws-sdk/client-organizations";
import {
  GetBucketTaggingCommand,
  type GetBucketTaggingCommandInput,
  ListBucketsCommand,
  type ListBucketsCommandInput,
  S3Client,
} from "@aws-sdk/client-s3";
import { S3ControlClient, TagResourceCommand, type TagResourceCommandInput } from "@aws-sdk/client-s3-control";
// The STS client aws-auth's chaining (the SDK's fromTemporaryCredentials) sends AssumeRole with.
import { AssumeRoleCommand, type AssumeRoleCommandInput, STSClient } from "@aws-sdk/nested-clients/sts";
import { leaksSessionToken, leakyAwsError, unitTestTask } from "@repo/task-test";
import { displayedOutput } from "@repo/task-cli";
import airplane from "airplane";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import task from "../tag_s3_buckets.airplane";

const s3 = mockClient(S3Client);
const s3Control = mockClient(S3ControlClient);
const sts = mockClient(STSClient);
const organizations = mockClient(OrganizationsClient);
const { config, run: runTask } = unitTestTask(task, {
  mocks: [s3, s3Control, sts, organizations],
  defaults: { key: "team", value: "data", concurrency: 4, dry_run: false, organization: false },
});

interface Row {
  account: string | null;
  bucket: string | null;
  result: string;
  detail: string;
}
interface Output {
  summary: string;
  buckets: Row[];
}
const run = async (params: Record<string, unknown>) => (await runTask(params)) as Output;

// The unit-test credentials' account (UNIT_TEST_AWS_ENV): the task's own.
const OWN = "123456789012";
const role = (account: string) => `arn:aws:iam::${account}:role/airplane-tag_s3_buckets`;
// Each test has accounts of its own: aws-auth keeps one session per role per process.
let nextAccount = 300000000000;
const newAccounts = (count: number) => Array.from({ length: count }, () => String(nextAccount++));

/** Tags as each account's S3 keeps them, by account and bucket; which account is told by the credentials used. */
let stored: Map<string, Record<string, string>>;
const accountOfKey = (accessKeyId: string) => (accessKeyId.startsWith("ASIA") ? accessKeyId.slice(4) : OWN);

async function callerAccount(client: { config: { credentials: () => Promise<{ accessKeyId: string }> } }) {
  return accountOfKey((await client.config.credentials()).accessKeyId);
}

function givenAccounts(buckets: Record<string, string[]>, refusing: string[] = []) {
  stored = new Map();
  for (const [account, names] of Object.entries(buckets))
    for (const name of names) stored.set(`${account}/${name}`, {});
  sts.on(AssumeRoleCommand).callsFake(({ RoleArn = "" }: AssumeRoleCommandInput) => {
    const account = RoleArn.split(":")[4] ?? "";
    if (refusing.includes(account)) throw leakyAwsError("AccessDenied", `User is not authorized to assume ${RoleArn}`);
    return {
      Credentials: {
        AccessKeyId: `ASIA${account}`,
        SecretAccessKey: "secret",
        SessionToken: "token",
        Expiration: new Date(Date.now() + 3600_000),
      },
    };
  });
  s3.on(GetBucketTaggingCommand).callsFake(async ({ Bucket = "" }: GetBucketTaggingCommandInput, client) => {
    const tags = stored.get(`${await callerAccount(client())}/${Bucket}`);
    if (!tags)
      throw Object.assign(new Error("Access Denied"), { name: "AccessDenied", $fault: "client", $metadata: {} });
    return { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  });
  s3.on(ListBucketsCommand).callsFake(async ({ Prefix = "" }: ListBucketsCommandInput, client) => {
    const account = await callerAccount(client());
    const names = [...stored.keys()].filter((key) => key.startsWith(`${account}/${Prefix}`));
    return { Buckets: names.map((key) => ({ Name: key.split("/")[1], BucketRegion: "us-east-1" })) };
  });
  s3Control
    .on(TagResourceCommand)
    .callsFake(async ({ AccountId = "", ResourceArn = "", Tags = [] }: TagResourceCommandInput, client) => {
      expect(await callerAccount(client())).toBe(AccountId);
      const tags = stored.get(`${AccountId}/${ResourceArn.replace("arn:aws:s3:::", "")}`) ?? {};
      for (const { Key = "", Value = "" } of Tags) tags[Key] = Value;
      return {};
    });
}

const assumed = () => sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.RoleArn);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("tag_s3_buckets over several accounts", () => {
  it("shows the account of each row on Airplane's run page", () => {
    const display = config.outputDisplay as { columns: Array<{ accessor: string }> };
    expect(display.columns.map((column) => column.accessor)).toEqual([
      "account",
      "bucket",
      "region",
      "result",
      "detail",
      "written_with",
    ]);
  });

  it("tags every bucket of every account with one AssumeRole per account, whatever the bucket count", async () => {
    const accounts = newAccounts(3);
    const names = ["b-1", "b-2", "b-3", "b-4", "b-5"];
    givenAccounts(Object.fromEntries(accounts.map((account) => [account, names])));
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);

    const output = await run({ accounts, buckets: names });

    expect(assumed()).toEqual(accounts.map(role));
    expect(output.buckets).toHaveLength(15);
    expect(output.buckets.map((row) => `${row.account}/${row.bucket} ${row.result}`)).toEqual(
      accounts.flatMap((account) => names.map((name) => `${account}/${name} changed`)),
    );
    expect([...stored.values()].every((tags) => tags.team === "data")).toBe(true);
    expect(output.summary).toBe('team="data" on 15 buckets in 3 accounts: 15 changed, 0 unchanged, 0 failed.');
    const { rows } = displayedOutput(config.outputDisplay, output) as { rows: unknown[][] };
    expect(rows.at(-1)).toEqual([accounts[2], "b-5", "us-east-1", "changed", "team added", "s3-control"]);
    // The run's log: progress about every 5 % (15 buckets: every one), the last at 100 %.
    const lines = log.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith("Progress:"));
    expect(lines.at(-1)).toMatch(/^Progress: 15\/15 buckets \(100%\), 0 failed, [\d.]+\/s after [\d.]+ s$/);
  });

  it("logs where it stands every 10 s while a bucket takes long, not only when one finishes", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    try {
      givenAccounts({ [OWN]: ["slow-bucket"] });
      let answer: () => void = () => undefined;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      s3.on(GetBucketTaggingCommand).callsFake(async () => {
        await answered;
        return { TagSet: [] };
      });
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
      const progressLines = () =>
        log.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith("Progress:"));

      const running = run({ buckets: ["slow-bucket"] });
      await vi.advanceTimersByTimeAsync(9_000);
      expect(progressLines()).toEqual([]);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(progressLines()).toEqual([
        expect.stringMatching(/^Progress: 0\/1 buckets \(0%\), 0 failed, 0\.0\/s after 1[01]\.\d s$/),
      ]);
      answer();
      expect((await running).buckets.map((row) => row.result)).toEqual(["changed"]);
      expect(progressLines().at(-1)).toMatch(/^Progress: 1\/1 buckets \(100%\), 0 failed/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("takes role ARNs as given, and member_role for account IDs", async () => {
    const [byId = "", byArn = ""] = newAccounts(2);
    givenAccounts({ [byId]: ["b-1"], [byArn]: ["b-1"] });
    const custom = `arn:aws:iam::${byArn}:role/ops/tagger`;
    await run({ accounts: [byId, custom], buckets: ["b-1"], member_role: "bucket-tagger" });
    expect(assumed()).toEqual([`arn:aws:iam::${byId}:role/bucket-tagger`, custom]);
  });

  it("assumes a role named by its ARN in the task's own account, and reports its refusal, never using the task's role", async () => {
    givenAccounts({ [OWN]: ["b-1"] });
    const other = `arn:aws:iam::${OWN}:role/ops/other-role`;
    const output = await run({ accounts: [other], buckets: ["b-1"] });
    expect(assumed()).toEqual([other]);
    expect(output.buckets.map((row) => `${row.account}/${row.bucket} ${row.result}`)).toEqual([`${OWN}/b-1 changed`]);

    sts.reset();
    givenAccounts({ [OWN]: ["b-1"] }, [OWN]);
    vi.spyOn(airplane, "setOutput").mockImplementation(() => undefined);
    const refusing = `arn:aws:iam::${OWN}:role/refusing-role`;
    const error = await run({ accounts: [refusing], buckets: ["b-1"] }).catch((caught: unknown) => caught);
    expect(assumed()).toEqual([refusing]);
    expect((error as Error).message).toContain(`${OWN}/b-1 (Role ${refusing} refused to be assumed by`);
  });

  it("uses the task's own role for the task's own role ARN and for its own account ID", async () => {
    vi.stubEnv("AWS_ROLE_ARN", role(OWN));
    givenAccounts({ [OWN]: ["b-1"] });
    await run({ accounts: [role(OWN)], buckets: ["b-1"] });
    await run({ accounts: [OWN], buckets: ["b-1"] });
    expect(assumed()).toEqual([]);
    expect(stored.get(`${OWN}/b-1`)).toEqual({ team: "data" });
  });

  it("chains within the partition of the task's region", async () => {
    vi.stubEnv("AWS_REGION", "cn-north-1");
    const [byId = "", byArn = ""] = newAccounts(2);
    givenAccounts({ [byId]: ["b-1"], [byArn]: ["b-1"] });
    const custom = `arn:aws-cn:iam::${byArn}:role/tagger`;
    await run({ accounts: [byId, custom], buckets: ["b-1"] });
    expect(assumed()).toEqual([`arn:aws-cn:iam::${byId}:role/airplane-tag_s3_buckets`, custom]);
  });

  it("passes the member roles' external ID to each AssumeRole", async () => {
    const [account = ""] = newAccounts(1);
    givenAccounts({ [account]: ["b-1"] });
    await run({ accounts: [account], buckets: ["b-1"], external_id: "ext-42" });
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input.ExternalId)).toEqual(["ext-42"]);
  });

  it("reports a member role that refuses as failed rows, naming both roles, and tags the other accounts", async () => {
    const [first = "", refusing = "", last = ""] = newAccounts(3);
    givenAccounts({ [first]: ["b-1", "b-2"], [refusing]: ["b-1", "b-2"], [last]: ["b-1", "b-2"] }, [refusing]);
    const setOutput = vi.spyOn(airplane, "setOutput").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);

    const error = await run({ accounts: [first, refusing, last], buckets: ["b-1", "b-2"] }).catch(
      (caught: unknown) => caught,
    );

    expect(assumed()).toHaveLength(3);
    const [output] = setOutput.mock.calls[0] as [Output];
    expect(output.buckets.map((row) => `${row.account}/${row.bucket} ${row.result}`)).toEqual([
      `${first}/b-1 changed`,
      `${first}/b-2 changed`,
      `${refusing}/b-1 failed`,
      `${refusing}/b-2 failed`,
      `${last}/b-1 changed`,
      `${last}/b-2 changed`,
    ]);
    expect(output.buckets[2]?.detail).toContain(`Role ${role(refusing)} refused to be assumed by`);
    expect(output.buckets[2]?.detail).toContain("(STS: AccessDenied: User is not authorized");
    expect((error as Error).message).toMatch(new RegExp(`^2 of 6 rows failed: ${refusing}/b-1 \\(Role `));
    // What the run throws and shows keeps AWS's code and message, and no request, response or header.
    expect(leaksSessionToken(error)).toBe(false);
    expect(leaksSessionToken(output)).toBe(false);
  });

  it("lists each account's buckets by prefix, and a listing that fails is one failed row", async () => {
    const [first = "", failing = ""] = newAccounts(2);
    givenAccounts({ [first]: ["logs-a", "logs-b", "web"], [failing]: ["logs-c"] });
    s3.on(ListBucketsCommand).callsFake(async (_input: ListBucketsCommandInput, client) => {
      if ((await callerAccount(client())) === failing) throw leakyAwsError();
      return {
        Buckets: [
          { Name: "logs-a", BucketRegion: "us-east-1" },
          { Name: "logs-b", BucketRegion: "us-east-1" },
        ],
      };
    });
    vi.spyOn(airplane, "setOutput").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);

    const error = await run({ accounts: [first, failing], prefix: "logs-" }).catch((caught: unknown) => caught);

    expect((error as Error).message).toContain(`1 of 3 rows failed: account ${failing} (AccessDenied: Access Denied)`);
    expect(leaksSessionToken(error)).toBe(false);
  });

  it("walks the ACTIVE accounts of the Organization, page by page, its own account with its own role", async () => {
    const [member = "", suspended = "", later = ""] = newAccounts(3);
    givenAccounts({ [OWN]: ["b-1"], [member]: ["b-1"], [later]: ["b-1"] });
    // The paginator sends one input object, its NextToken updated: what each call asked is read when it is made.
    const asked: Array<string | undefined> = [];
    const pages = [
      {
        Accounts: [
          { Id: OWN, State: "ACTIVE" as const },
          { Id: member, State: "ACTIVE" as const },
          { Id: suspended, State: "SUSPENDED" as const },
        ],
        NextToken: "page-2",
      },
      { Accounts: [{ Id: later, State: "ACTIVE" as const }] },
    ];
    organizations.on(ListAccountsCommand).callsFake(({ NextToken }: ListAccountsCommandInput) => {
      asked.push(NextToken);
      return pages[asked.length - 1];
    });

    const output = await run({ organization: true, buckets: ["b-1"] });

    expect(asked).toEqual([undefined, "page-2"]);
    expect(assumed()).toEqual([role(member), role(later)]);
    expect(output.buckets.map((row) => row.account)).toEqual([OWN, member, later]);
    expect(output.summary).toContain("on 3 buckets in 3 accounts: 3 changed");
  });

  it("fails when the Organization refuses ListAccounts, with AWS's code and message and no request or response", async () => {
    organizations
      .on(ListAccountsCommand)
      .rejects(leakyAwsError("AccessDeniedException", "You don't have permissions to access this resource."));

    const error = await run({ organization: true, buckets: ["b-1"] }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toBe("You don't have permissions to access this resource.");
    expect(leaksSessionToken(error)).toBe(false);
    expect(sts.calls()).toHaveLength(0);
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{ accounts: ["111111111111"], organization: true }, /Give accounts or organization, not both/],
    [{ accounts: ["12345"] }, /accounts "12345" is neither a 12-digit AWS account ID nor a role ARN/],
    [{ accounts: ["111111111111", "arn:aws:iam::111111111111:role/x"] }, /Account 111111111111 is given twice/],
    [{ accounts: ["111111111111"], member_role: "arn:aws:iam::1:role/x" }, /member_role .* is not an IAM role name/],
    [{ accounts: ["111111111111"], external_id: "x" }, /external_id must be 2 to 1224 characters/],
    ...["aws-cn", "aws-us-gov", "awsevil"].map((partition): [Record<string, unknown>, RegExp] => [
      { accounts: [`arn:${partition}:iam::111111111111:role/x`] },
      new RegExp(`names partition "${partition}", but this task runs in partition "aws" \\(its region's\\)`),
    ]),
  ])("refuses %o before any AWS call", async (params, message) => {
    await expect(run({ buckets: ["b-1"], ...params })).rejects.toThrow(message);
    expect([...s3.calls(), ...sts.calls(), ...organizations.calls()]).toHaveLength(0);
  });
});

beforeEach(() => {
  stored = new Map();
});
