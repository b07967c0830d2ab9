import { providerHost } from "./provider";

/** The `iss` of GitHub Actions' ID tokens, and the URL of the IAM OIDC provider that trusts them. */
export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

export const GITHUB_PROVIDER_HOST = providerHost(GITHUB_ISSUER);
export const GITHUB_AUDIENCE_CONDITION_KEY = `${GITHUB_PROVIDER_HOST}:aud`;
export const GITHUB_SUBJECT_CONDITION_KEY = `${GITHUB_PROVIDER_HOST}:sub`;

/** GitHub's provider in any 12-digit account of any partition. */
export const GITHUB_PROVIDER_ARN =
  /^arn:aws(-[a-z]+)*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;

/**
 * How GitHub writes the repository in `sub`: by name (`repo:acme/aws-tasks:…`), or with the owner's
 * and repository's numeric IDs (`repo:acme@1234567/aws-tasks@987654321:…`), which survive a rename
 * and are GitHub's default for repositories created or renamed on or after 15 July 2026.
 */
export type GithubSubjectForm = "immutable" | "name";

/** A job's subject: its repository, and the environment it runs in. */
export interface GithubSubjectParts {
  /** The owner's login, as in `acme/aws-tasks`. */
  owner: string;
  /** The repository's name without its owner. */
  repository: string;
  /** The owner's numeric ID; with `repositoryId`, it makes the subject immutable. */
  ownerId?: string | undefined;
  repositoryId?: string | undefined;
  environment: string;
}

/** The GitHub environment a task's workflow runs in, which names the task in the token's `sub`. */
export function taskEnvironment(slug: string): string {
  return `task-${slug}`;
}

/** The task slug of a `task-<slug>` environment, or undefined for any other environment. */
export function taskOfEnvironment(environment: string): string | undefined {
  return /^task-([a-z][a-z0-9_]*)$/.exec(environment)?.[1];
}

/** The `sub` of a job in an environment: immutable when both numeric IDs are given, by name otherwise. */
export function githubSubject({ owner, repository, ownerId, repositoryId, environment }: GithubSubjectParts): string {
  if ((ownerId === undefined) !== (repositoryId === undefined)) {
    throw new Error(
      `The immutable subject of ${owner}/${repository} needs both the owner's and the repository's numeric IDs ` +
        `(gh api repos/${owner}/${repository} --jq '.owner.id, .id'), or neither for the name-only form.`,
    );
  }
  const repo = ownerId === undefined ? `${owner}/${repository}` : `${owner}@${ownerId}/${repository}@${repositoryId}`;
  return `repo:${repo}:environment:${environment}`;
}

/** A parsed `sub`: the repository in either form, and what follows it (`environment:…`, `ref:…`, `pull_request`). */
export interface ParsedGithubSubject extends Omit<GithubSubjectParts, "environment"> {
  form: GithubSubjectForm;
  /** Set when the job ran in an environment (`…:environment:<name>`). */
  environment?: string;
  /** Everything after the repository, e.g. `environment:task-add_s3_bucket_tag` or `ref:refs/heads/main`. */
  context: string;
}

// Owners are 1-39 letters, digits and single hyphens; repository names letters, digits and . _ -.
const SUBJECT = /^repo:([A-Za-z0-9][A-Za-z0-9-]{0,38})(?:@(\d+))?\/([\w.-]{1,100})(?:@(\d+))?:(.+)$/;

/** The parts of a GitHub Actions `sub`, in either form, or undefined when GitHub cannot have written it. */
export function parseGithubSubject(sub: string): ParsedGithubSubject | undefined {
  const match = SUBJECT.exec(sub);
  if (!match) return undefined;
  const [, owner = "", ownerId, repository = "", repositoryId, context = ""] = match;
  // GitHub writes both IDs or neither.
  if ((ownerId === undefined) !== (repositoryId === undefined)) return undefined;
  const environment = /^environment:(.+)$/.exec(context)?.[1];
  return {
    owner,
    repository,
    ...(ownerId !== undefined ? { ownerId, repositoryId } : {}),
    form: ownerId === undefined ? "name" : "immutable",
    ...(environment !== undefined ? { environment } : {}),
    context,
  };
}
