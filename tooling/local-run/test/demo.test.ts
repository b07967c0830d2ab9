import { runCaptured } from "@repo/cli-test";
import { describe, expect, it } from "vitest";
import { demo, repoStackConfig } from "../src/index";

describe("npm start", () => {
  it(
    "runs add_s3_bucket_tag on the stand-in and traces the token, the role, the session and the tags",
    {
      timeout: 60_000,
    },
    async () => {
      const { code, stdout: trace } = await runCaptured((io) => demo([], io));

      expect(code, trace).toBe(0);
      // The team and env the repository was set up for (npm run setup), as the stand-in reads them.
      const { teamId, envSlug } = repoStackConfig().airplane;
      expect(trace).toContain(`sub team:${teamId}:env:${envSlug}:task:add_s3_bucket_tag`);
      expect(trace).toContain("arn:aws:iam::123456789012:role/airplane-add_s3_bucket_tag");
      expect(trace).toMatch(/with session name +run\w+\.add_s3_bucket_tag/);
      expect(trace).toContain("tags before: cost-center=cc-1234, team=platform");
      expect(trace).toContain("tags after:  cost-center=cc-1234, owner=data-platform, team=platform");
      expect(trace).toMatch(/Done in [\d.]+ s: 1 token fetch, 1 STS call, 2 AWS requests\./);
    },
  );
});
