import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import dns from "node:dns";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { RESOLVE_LOCALHOST_PRELOAD } from "../src/index";
import { useLocalStack } from "./helpers";
import { ADMIN_RUN, testConfig } from "./testConfig";

const stack = useLocalStack({ config: testConfig() });

function resolve(hostname: string, options: { all?: boolean; family?: number } = {}): Promise<unknown> {
  return new Promise((done, fail) => {
    // Looked up at call time, as Node's http client does, so that the patched function is used.
    dns.lookup(hostname, options, (error, address, family) =>
      error ? fail(error) : done(options.all ? address : { address, family }),
    );
  });
}

describe("resolve-localhost.cjs", () => {
  it("resolves *.localhost to 127.0.0.1 in this process once required, and leaves other names alone", async () => {
    createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);
    createRequire(__filename)(RESOLVE_LOCALHOST_PRELOAD);

    expect(await resolve("123456789012.localhost")).toEqual({ address: "127.0.0.1", family: 4 });
    expect(await resolve("a.b.LOCALHOST.")).toEqual({ address: "127.0.0.1", family: 4 });
    expect(await resolve("localhost", { family: 6 })).toEqual({ address: "127.0.0.1", family: 4 });
    expect(await resolve("x.localhost", { all: true })).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect(await resolve("127.0.0.1")).toEqual({ address: "127.0.0.1", family: 4 });
    await expect(resolve("localhost.invalid")).rejects.toThrow();
  });

  it("reaches child processes through NODE_OPTIONS: a task there needs nothing but the run's environment", async () => {
    const env = stack().runEnv(ADMIN_RUN);
    const { stdout } = await promisify(execFile)(process.execPath, [`${__dirname}/fixtures/taskInChildProcess.cjs`], {
      env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
      timeout: 15000,
    });
    expect(JSON.parse(stdout)).toEqual({
      assumedRole: `arn:aws:sts::123456789012:assumed-role/bucket_admin/${env.AIRPLANE_RUN_ID}`,
      tags: [
        { Key: "team", Value: "platform" },
        { Key: "cost-center", Value: "cc-1234" },
      ],
    });
    expect(stack().count("s3Control", "ListTagsForResource")).toBe(1);
  }, 20000);
});
