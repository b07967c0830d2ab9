import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { IamInputError, readTaskDescriptions, readTaskPermissions } from "../src/index";
import { fixtureRepo, READ_TAGS, WRITE_TAGS, writeTask } from "./fixtureTasks";

let repo: ReturnType<typeof fixtureRepo> | undefined;

function repoWith(...tasks: Parameters<typeof writeTask>[1][]) {
  repo = fixtureRepo();
  for (const task of tasks) writeTask(repo.tasksDir, task);
  return repo;
}

function problemsOf(tasks: Parameters<typeof writeTask>[1][]): string {
  const { root, tasksDir } = repoWith(...tasks);
  try {
    readTaskDescriptions(tasksDir, root);
  } catch (error) {
    expect(error).toBeInstanceOf(IamInputError);
    return (error as Error).message;
  }
  throw new Error("readTaskDescriptions accepted the tasks.");
}

afterEach(() => {
  if (repo) rmSync(repo.root, { recursive: true, force: true });
  repo = undefined;
});

describe("readTaskDescriptions", () => {
  it("takes the slug and the role ARN's config var from each task, the statements from its aws-permissions.json", () => {
    const { root, tasksDir } = repoWith(
      { slug: "tag_bucket", permissions: [READ_TAGS, WRITE_TAGS] },
      { slug: "whoami", envVars: { AWS_ROLE_ARN: { config: "whoami_role" }, AWS_REGION: { config: "aws_region" } } },
    );
    expect(readTaskDescriptions(tasksDir, root)).toEqual([
      {
        slug: "tag_bucket",
        roleArnConfigVar: "aws_role_arn_tag_bucket",
        statements: [READ_TAGS, WRITE_TAGS],
        permissionsFile: "tasks/tag_bucket/aws-permissions.json",
      },
      {
        slug: "whoami",
        roleArnConfigVar: "whoami_role",
        statements: [],
        permissionsFile: "tasks/whoami/aws-permissions.json",
      },
    ]);
  });

  it("names the task and the fix when AWS_ROLE_ARN is not mapped from a config var", () => {
    const message = problemsOf([
      { slug: "no_role", envVars: { AWS_REGION: { config: "aws_region" } } },
      { slug: "fixed_role", envVars: { AWS_ROLE_ARN: { value: "arn:aws:iam::123456789012:role/x" } } },
    ]);
    expect(message).toContain(
      "Task no_role (tasks/no_role/no_role.airplane.js) does not map AWS_ROLE_ARN from a config var, so there is " +
        "nowhere to put its role's ARN. Add to its airplane.task(...) definition: envVars: { AWS_ROLE_ARN: " +
        '{ config: "aws_role_arn_no_role" }, AWS_REGION: { config: "aws_region" } }.',
    );
    expect(message).toContain("Task fixed_role (tasks/fixed_role/fixed_role.airplane.js) does not map AWS_ROLE_ARN");
  });

  it("asks for an aws-permissions.json next to a task that has none", () => {
    expect(problemsOf([{ slug: "bare", permissions: null }])).toBe(
      "Task bare has no tasks/bare/aws-permissions.json. List the AWS actions the task calls there, or write " +
        '{ "statements": [] } if it calls none.',
    );
  });

  it("points at the file and statement of every mistake in an aws-permissions.json", () => {
    expect(problemsOf([{ slug: "broken", permissions: "{ statements: [] }" }])).toMatch(
      /^tasks\/broken\/aws-permissions.json is not valid JSON: /,
    );
    const typo = { why: "", action: ["s3:GetBucketTagging"], resources: [], scope: "member" };
    expect(problemsOf([{ slug: "typo", permissions: JSON.stringify({ statements: [typo] }) }]).split("\n")).toEqual([
      'tasks/typo/aws-permissions.json: statements[0] has an unknown key "action": the keys are why, actions, resources, scope.',
      "tasks/typo/aws-permissions.json: statements[0].why must say why the task needs these actions.",
      'tasks/typo/aws-permissions.json: statements[0].scope must be "task-role" (only the task\'s own role gets the ' +
        "statement, not its member roles), or be left out (both get it).",
      "tasks/typo/aws-permissions.json: statements[0].actions must be a non-empty list of strings.",
      "tasks/typo/aws-permissions.json: statements[0].resources must be a non-empty list of strings.",
    ]);
  });

  it("checks actions and resources as IAM would, in the file's own terms", () => {
    const badAction = { ...READ_TAGS, actions: ["s3GetBucketTagging"] };
    expect(problemsOf([{ slug: "bad_action", permissions: [READ_TAGS, badAction] }])).toBe(
      'tasks/bad_action/aws-permissions.json: statements[1].actions: "s3GetBucketTagging" is not an action: write ' +
        'service:action (for example s3:GetBucketTagging) or "*".',
    );
    const badResource = { ...READ_TAGS, resources: ["my-bucket"] };
    expect(problemsOf([{ slug: "bad_resource", permissions: [badResource] }])).toContain(
      'statements[0].resources: "my-bucket" is not a resource: write an ARN',
    );
  });

  it("refuses two tasks in one folder, which would share one aws-permissions.json", () => {
    expect(problemsOf([{ slug: "one" }, { slug: "two", folder: "one" }])).toContain(
      "Tasks one, two are all in tasks/one, which has one aws-permissions.json: give each task its own folder",
    );
  });

  it("refuses a task outside the folder named after its slug, where the stand-in reads its permissions", () => {
    expect(problemsOf([{ slug: "tag_bucket", folder: "tagging" }])).toBe(
      "Task tag_bucket is in tasks/tagging: move it to tasks/tag_bucket, the folder named after its slug, where the " +
        "local stand-in reads its permissions (npm run new-task makes it so).",
    );
  });

  it("refuses a folder without tasks rather than generate no roles", () => {
    expect(problemsOf([])).toBe("No Airplane task (*.airplane.ts) under tasks: nothing to generate.");
  });
});

describe("readTaskPermissions", () => {
  it("reads each task folder's statements without loading a task, as readTaskDescriptions has them", () => {
    const { root, tasksDir } = repoWith(
      { slug: "tag_bucket", permissions: [READ_TAGS, WRITE_TAGS] },
      { slug: "whoami" },
    );
    const described = readTaskDescriptions(tasksDir, root).map(
      ({ roleArnConfigVar: _, ...permissions }) => permissions,
    );
    expect(readTaskPermissions(root)).toEqual(described);
  });

  it("names the file and statement of every mistake, as readTaskDescriptions does", () => {
    const { root } = repoWith({ slug: "typo", permissions: JSON.stringify({ statements: [{ why: "x" }] }) });
    expect(() => readTaskPermissions(root)).toThrow(
      "tasks/typo/aws-permissions.json: statements[0].actions must be a non-empty list of strings.",
    );
  });
});
