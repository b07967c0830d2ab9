import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PermissionStatement } from "../src/index";

export interface FixtureTask {
  slug: string;
  /** The task's envVars; default: AWS_ROLE_ARN mapped from aws_role_arn_<slug>. */
  envVars?: Record<string, unknown>;
  /** The aws-permissions.json content: statements, raw text, or no file at all. */
  permissions?: PermissionStatement[] | string | null;
  /** The folder under tasks/; default: the slug. */
  folder?: string;
}

/** A fresh repository root with a `tasks/` folder and nothing else. */
export function fixtureRepo(): { root: string; tasksDir: string } {
  const root = mkdtempSync(join(tmpdir(), "iam-terraform-"));
  const tasksDir = join(root, "tasks");
  mkdirSync(tasksDir);
  return { root, tasksDir };
}

/**
 * Writes a task as `airplane.task()` leaves it (an export carrying `__airplane`), in plain
 * JavaScript so that vitest's require loads it without tsx, next to its aws-permissions.json.
 */
export function writeTask(tasksDir: string, task: FixtureTask): void {
  const folder = join(tasksDir, task.folder ?? task.slug);
  mkdirSync(folder, { recursive: true });
  const config = {
    slug: task.slug,
    envVars: task.envVars ?? { AWS_ROLE_ARN: { config: `aws_role_arn_${task.slug}` } },
  };
  writeFileSync(
    join(folder, `${task.slug}.airplane.js`),
    `exports.${task.slug} = { __airplane: { type: "function", config: ${JSON.stringify(config)}, ` +
      "baseFunc: async () => null } };\n",
  );
  const permissions = task.permissions === undefined ? [] : task.permissions;
  if (permissions === null) return;
  writeFileSync(
    join(folder, "aws-permissions.json"),
    typeof permissions === "string" ? permissions : JSON.stringify({ statements: permissions }),
  );
}

export const READ_TAGS: PermissionStatement = {
  why: "Read the bucket's tags (GetBucketTagging).",
  actions: ["s3:GetBucketTagging"],
  resources: ["arn:aws:s3:::*"],
};

export const WRITE_TAGS: PermissionStatement = {
  why: "Write one tag with S3 Control TagResource, or the whole set where that is refused.",
  actions: ["s3:TagResource", "s3:PutBucketTagging"],
  resources: ["arn:aws:s3:::demo-*"],
};
