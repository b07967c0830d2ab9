import { hasWildcard, matchWildcard } from "@repo/iam-policy";
import { splitSubject, SUBJECT_LEVELS, taskEnvironment } from "@repo/oidc-issuers";
import { AuditOptionsError, type AuditOptionName } from "./auditOptionsError";
import { AIRPLANE, GITHUB, type Platform, type PlatformId } from "./platforms";
import type { SubjectParts } from "./subjectScheme";

/** Which tasks a role is meant for: full subjects, or parts of them. */
export interface ExpectedSubjectOptions {
  /**
   * Full subjects, Airplane's (`team:tea…:env:prod:task:add_s3_bucket_tag`, a part may be `*`:
   * meant for any) or GitHub's (`repo:acme/aws-tasks:environment:task-add_s3_bucket_tag`).
   */
  expectedSubject?: string | readonly string[];
  teamId?: string | readonly string[];
  /** For example `["prod", "studio"]` for a task also run under `airplane dev`; `"*"`: meant for every environment. */
  envSlug?: string | readonly string[];
  /** The task on every platform (on GitHub its environment task-<slug>); `"*"`: meant for every task. */
  taskSlug?: string | readonly string[];
  /** The GitHub repository whose jobs may assume the role, `owner/repo`. */
  githubRepository?: string;
  /** With githubRepositoryId: the repository's tokens carry the immutable subject, `repo:owner@<id>/repo@<id>:…`. */
  githubOwnerId?: string;
  githubRepositoryId?: string;
}

/** One subject the role is meant for, level by level: a value, a pattern (`*` for any), absent when not said. */
export type ExpectedSubject = Partial<SubjectParts>;

export const ANY = "*";

export interface Expectation {
  subjects: Record<PlatformId, ExpectedSubject[]>;
  /** GitHub's expected subjects by name, when the caller gave the IDs the real ones carry. */
  githubNameForm: ExpectedSubject[];
}

/** The subjects a role is meant for, per platform; empty where the caller did not say. */
export function resolveExpectation(options: ExpectedSubjectOptions): Expectation {
  const byParts = (
    ["teamId", "envSlug", "taskSlug", "githubRepository", "githubOwnerId", "githubRepositoryId"] as const
  ).some((name) => options[name] !== undefined);
  if (options.expectedSubject !== undefined) {
    if (byParts) {
      throw new AuditOptionsError(
        "expectedSubject",
        "give full subjects or their parts (team, environment, task, repository), not both.",
      );
    }
    const subjects = listOf(options.expectedSubject);
    if (subjects.length === 0) throw new AuditOptionsError("expectedSubject", "the list is empty: give a subject.");
    const github = subjects.filter((subject) => subject.startsWith("repo:"));
    return {
      subjects: {
        airplane: subjects.filter((subject) => !subject.startsWith("repo:")).map(airplaneFromSubject),
        github: github.map(githubFromSubject),
      },
      githubNameForm: [],
    };
  }
  const tasks = levelValues(AIRPLANE, "task", options.taskSlug, "taskSlug");
  const airplaneSaid = options.teamId !== undefined || options.envSlug !== undefined;
  const githubSaid = options.githubRepository !== undefined;
  const airplane =
    airplaneSaid || (!githubSaid && options.taskSlug !== undefined)
      ? levelValues(AIRPLANE, "team", options.teamId, "teamId").flatMap((team) =>
          levelValues(AIRPLANE, "env", options.envSlug, "envSlug").flatMap((env) =>
            tasks.map((task) => definedParts({ team, env, task })),
          ),
        )
      : [];
  const github = githubExpectation(options, tasks, (options.taskSlug !== undefined && !airplaneSaid) || githubSaid);
  return { subjects: { airplane, github: github.subjects }, githubNameForm: github.nameForm };
}

function githubExpectation(
  options: ExpectedSubjectOptions,
  tasks: readonly (string | undefined)[],
  said: boolean,
): { subjects: ExpectedSubject[]; nameForm: ExpectedSubject[] } {
  const { githubRepository, githubOwnerId: ownerId, githubRepositoryId: repositoryId } = options;
  if (githubRepository === undefined && (ownerId !== undefined || repositoryId !== undefined)) {
    throw new AuditOptionsError(
      ownerId !== undefined ? "githubOwnerId" : "githubRepositoryId",
      "an ID goes with its repository: give the repository (owner/repo) too.",
    );
  }
  if (!said) return { subjects: [], nameForm: [] };
  const contexts = tasks.map((task) =>
    task === undefined
      ? undefined
      : task === ANY
        ? `environment:${taskEnvironment(ANY)}`
        : `environment:${taskEnvironment(task)}`,
  );
  if (githubRepository === undefined) {
    return { subjects: contexts.map((context) => definedParts({ context })), nameForm: [] };
  }
  const [owner = "", repository = "", ...rest] = githubRepository.split("/");
  const valid = [
    rest.length === 0,
    GITHUB.subjects.isLevelValue("owner", owner),
    GITHUB.subjects.isLevelValue("repository", repository),
    !githubRepository.includes("@"),
  ];
  if (valid.includes(false)) {
    throw new AuditOptionsError("githubRepository", `"${githubRepository}" is not a repository: write owner/repo.`);
  }
  if ((ownerId === undefined) !== (repositoryId === undefined)) {
    throw new AuditOptionsError(
      ownerId === undefined ? "githubOwnerId" : "githubRepositoryId",
      "give both IDs (gh api repos/<owner>/<repo> --jq '.owner.id, .id'), or neither for subjects by name.",
    );
  }
  for (const [option, id] of [
    ["githubOwnerId", ownerId],
    ["githubRepositoryId", repositoryId],
  ] as const) {
    if (id !== undefined && !/^[0-9]+$/.test(id)) throw new AuditOptionsError(option, `"${id}" is not a numeric ID.`);
  }
  const byName = contexts.map((context) => definedParts({ owner, repository, context }));
  if (ownerId === undefined) return { subjects: byName, nameForm: [] };
  const immutable = contexts.map((context) =>
    definedParts({ owner: `${owner}@${ownerId}`, repository: `${repository}@${repositoryId}`, context }),
  );
  return { subjects: immutable, nameForm: byName };
}

/** Whether the caller said the role is meant for any value of this level. */
export function meantForAny(expectation: readonly ExpectedSubject[], level: string): boolean {
  return expectation.some((expected) => expected[level] === ANY);
}

/** Whether a value at the level is one the role is meant for (an expected value or pattern fits it). */
export function isIntendedValue(expectation: readonly ExpectedSubject[], level: string, value: string): boolean {
  return expectation.some((expected) => {
    const wanted = expected[level];
    return wanted !== undefined && (wanted === value || (hasWildcard(wanted) && matchWildcard(wanted, value)));
  });
}

/** The subjects the role is meant for that are fully known (every level a value, no pattern). */
export function concreteSubjects(platform: Platform, expectation: readonly ExpectedSubject[]): string[] {
  return expectation.flatMap((expected) => {
    const values = platform.subjects.levels.map((level) => expected[level]);
    const known = values.every((value) => value !== undefined && !hasWildcard(value));
    return known ? [platform.subjects.format(expected as SubjectParts)] : [];
  });
}

/** `expected` with the levels it leaves open (absent or a pattern) taken from `subject`. */
export function completeSubject(platform: Platform, expected: ExpectedSubject, subject: SubjectParts): SubjectParts {
  return Object.fromEntries(
    platform.subjects.levels.map((level) => {
      const value = expected[level];
      return [level, value === undefined || hasWildcard(value) ? (subject[level] as string) : value];
    }),
  );
}

function listOf(value: string | readonly string[]): readonly string[] {
  return typeof value === "string" ? [value] : value;
}

function airplaneFromSubject(subject: string): ExpectedSubject {
  const parts = splitSubject(subject);
  if (!parts) {
    throw new AuditOptionsError(
      "expectedSubject",
      `"${subject}" is not an Airplane subject: ${AIRPLANE.subjects.describeProblem(subject)}.`,
    );
  }
  for (const level of SUBJECT_LEVELS)
    checkLevelValue(AIRPLANE, level, parts[level], "expectedSubject", `"${subject}": `);
  return parts;
}

function githubFromSubject(subject: string): ExpectedSubject {
  const parts = GITHUB.subjects.parse(subject);
  if (!parts) {
    throw new AuditOptionsError(
      "expectedSubject",
      `"${subject}" is not a GitHub subject: ${GITHUB.subjects.describeProblem(subject)}.`,
    );
  }
  return parts;
}

function levelValues(
  platform: Platform,
  level: string,
  given: string | readonly string[] | undefined,
  option: AuditOptionName,
): (string | undefined)[] {
  if (given === undefined) return [undefined];
  const values = listOf(given);
  if (values.length === 0) throw new AuditOptionsError(option, "the list is empty: give a value.");
  for (const value of values) checkLevelValue(platform, level, value, option);
  return [...values];
}

function checkLevelValue(
  platform: Platform,
  level: string,
  value: string,
  option: AuditOptionName,
  context = "",
): void {
  if (value === ANY) {
    if (level !== "team") return;
    throw new AuditOptionsError(
      option,
      `${context}a role meant for every Airplane team's tasks is what this audit exists to catch; give your team ID.`,
    );
  }
  if (!platform.subjects.isLevelValue(level, value)) {
    const any = level === "team" ? "" : ", or * for any";
    throw new AuditOptionsError(
      option,
      `${context}"${value}" is not valid: ${platform.subjects.levelRule(level)}${any}.`,
    );
  }
}

function definedParts(parts: Record<string, string | undefined>): ExpectedSubject {
  return Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined)) as ExpectedSubject;
}
