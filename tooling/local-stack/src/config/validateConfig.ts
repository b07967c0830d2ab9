import { createHash } from "node:crypto";
import { AIRPLANE_ISSUER, providerArn, providerHost } from "@repo/oidc-issuers";
import {
  normalizePolicy,
  type NormalizedPolicy,
  type PolicyDocument,
  PolicyParseError,
  unsupportedConditionOperators,
} from "@repo/iam-policy";
import { bucketNameProblem } from "../s3/bucketNameRules";
import { tagSetProblem } from "../s3/tagRules";
import {
  ACCOUNT_ID,
  IAM_PATH,
  MAX_ROLE_MAX_SESSION_SECONDS,
  MIN_ROLE_MAX_SESSION_SECONDS,
  REGION,
  ROLE_NAME,
  roleArn,
} from "./awsNames";
import { ConfigError } from "./configError";
import type {
  ResolvedBucket,
  ResolvedConfig,
  ResolvedGithub,
  ResolvedOidcProvider,
  ResolvedOrganization,
  ResolvedRole,
} from "./resolvedConfig";

type JsonObject = Record<string, unknown>;

function object(value: unknown, path: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(path, "expected an object.");
  }
  return value as JsonObject;
}

function list(value: unknown, path: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigError(path, "expected a list.");
  return value;
}

function text(value: unknown, path: string, pattern?: RegExp, hint?: string): string {
  if (typeof value !== "string" || value === "") throw new ConfigError(path, "expected a non-empty string.");
  if (pattern && !pattern.test(value))
    throw new ConfigError(path, `"${value}" is not valid: ${hint ?? pattern.source}.`);
  return value;
}

function rejectDuplicates(names: string[], path: string, fold = (name: string) => name): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(fold(name))) throw new ConfigError(path, `"${name}" appears twice.`);
    seen.add(fold(name));
  }
}

/**
 * Checks a configuration (an object as from JSON) and resolves it: defaults applied, provider and
 * role ARNs derived, every policy parsed with `@repo/iam-policy`. Throws a `ConfigError` naming the
 * setting at fault, so a typo fails at start rather than as a puzzling AccessDenied later.
 */
export function validateConfig(input: unknown, createdAt = new Date()): ResolvedConfig {
  const config = object(input, "config");
  const accountId = text(config.accountId, "accountId", ACCOUNT_ID, "an AWS account ID has 12 digits");
  const region = text(config.region, "region", REGION, "use a region name such as us-east-1");
  const airplane = object(config.airplane, "airplane");
  const issuer = airplane.issuer === undefined ? AIRPLANE_ISSUER : issuerUrl(airplane.issuer, "airplane.issuer");

  const oidcProviders = list(config.oidcProviders, "oidcProviders").map((provider, index) =>
    resolveProvider(provider, `oidcProviders[${index}]`, accountId),
  );
  rejectDuplicates(
    oidcProviders.map((provider) => provider.identifier),
    "oidcProviders",
  );
  const roles = list(config.roles, "roles").map((role, index) =>
    resolveRole(role, `roles[${index}]`, accountId, createdAt),
  );
  // IAM role names are unique in an account regardless of case.
  rejectDuplicates(
    roles.map((role) => `${role.accountId}:${role.name}`),
    "roles",
    (name) => name.toLowerCase(),
  );
  // Bucket names are unique across all accounts.
  const buckets = list(config.buckets, "buckets").map((bucket, index) =>
    resolveBucket(bucket, `buckets[${index}]`, region, accountId),
  );
  rejectDuplicates(
    buckets.map((bucket) => bucket.name),
    "buckets",
  );

  const organization =
    config.organization === undefined
      ? undefined
      : resolveOrganization(config.organization, "organization", accountId, createdAt);

  const github = config.github === undefined ? undefined : resolveGithub(config.github, "github");

  return {
    ...(organization ? { organization } : {}),
    ...(github ? { github } : {}),
    accountId,
    region,
    airplane: {
      teamId: text(airplane.teamId, "airplane.teamId"),
      envSlug: text(airplane.envSlug, "airplane.envSlug", /^[a-z0-9_-]+$/, "lowercase letters, digits, _ and -"),
      issuer,
    },
    oidcProviders,
    roles,
    buckets,
  };
}

function issuerUrl(value: unknown, path: string): string {
  const url = text(value, path);
  // IAM registers only https providers, and IAM's provider name is the URL without its scheme.
  if (!/^https:\/\/[^/?#]+(\/[^?#]*)?$/.test(url)) {
    throw new ConfigError(path, `"${url}" is not an https URL without query or fragment, as IAM requires.`);
  }
  return url.replace(/\/+$/, "");
}

const SUBJECT_FORMS = ["immutable", "name"];

function resolveGithub(value: unknown, path: string): ResolvedGithub {
  const github = object(value, path);
  const repository = text(
    github.repository,
    `${path}.repository`,
    /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[\w.-]{1,100}$/,
    "owner/repo, as in acme/aws-tasks",
  );
  const [owner = "", name = ""] = repository.split("/");
  const numericId = (field: string) =>
    text(github[field], `${path}.${field}`, /^[1-9]\d*$/, `GitHub's numeric ID (gh api repos/${repository})`);
  const subjectForm = github.subjectForm === undefined ? "immutable" : text(github.subjectForm, `${path}.subjectForm`);
  if (!SUBJECT_FORMS.includes(subjectForm)) {
    throw new ConfigError(
      `${path}.subjectForm`,
      `"${subjectForm}" is not a subject form: ${SUBJECT_FORMS.join(" or ")}.`,
    );
  }
  return {
    owner,
    name,
    ownerId: numericId("ownerId"),
    repositoryId: numericId("repositoryId"),
    subjectForm: subjectForm as ResolvedGithub["subjectForm"],
  };
}

function resolveProvider(value: unknown, path: string, accountId: string): ResolvedOidcProvider {
  const provider = object(value, path);
  const url = issuerUrl(provider.url, `${path}.url`);
  const clientIds = list(provider.clientIds, `${path}.clientIds`).map((clientId, index) =>
    text(clientId, `${path}.clientIds[${index}]`),
  );
  if (clientIds.length === 0) throw new ConfigError(`${path}.clientIds`, "a provider needs at least one client ID.");
  return { url, identifier: providerHost(url), arn: providerArn(accountId, url), clientIds };
}

function policy(document: unknown, path: string): NormalizedPolicy {
  let normalized: NormalizedPolicy;
  try {
    normalized = normalizePolicy(document);
  } catch (error) {
    if (error instanceof PolicyParseError) throw new ConfigError(path, error.message);
    throw error;
  }
  const unsupported = unsupportedConditionOperators(normalized);
  if (unsupported.length > 0) {
    throw new ConfigError(path, `condition operators the stand-in cannot evaluate: ${unsupported.join(", ")}.`);
  }
  return normalized;
}

// IAM role IDs are AROA and 17 characters; derived from the ARN so they are stable across starts.
function roleIdFor(arn: string): string {
  const digest = createHash("sha256").update(arn).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return `AROA${Array.from(digest.subarray(0, 17), (byte) => alphabet[byte % 32]).join("")}`;
}

function ownerAccount(value: unknown, path: string, defaultAccountId: string): string {
  return value === undefined ? defaultAccountId : text(value, path, ACCOUNT_ID, "an AWS account ID has 12 digits");
}

function resolveRole(value: unknown, path: string, defaultAccountId: string, createdAt: Date): ResolvedRole {
  const role = object(value, path);
  const accountId = ownerAccount(role.accountId, `${path}.accountId`, defaultAccountId);
  const name = text(role.name, `${path}.name`, ROLE_NAME, "1 to 64 letters, digits and _+=,.@-");
  const rolePath =
    role.path === undefined ? "/" : text(role.path, `${path}.path`, IAM_PATH, 'a path is "/" or "/a/b/"');
  const maxSession = role.maxSessionDurationSeconds ?? MIN_ROLE_MAX_SESSION_SECONDS;
  if (
    !Number.isInteger(maxSession) ||
    (maxSession as number) < MIN_ROLE_MAX_SESSION_SECONDS ||
    (maxSession as number) > MAX_ROLE_MAX_SESSION_SECONDS
  ) {
    throw new ConfigError(
      `${path}.maxSessionDurationSeconds`,
      `must be a whole number from ${MIN_ROLE_MAX_SESSION_SECONDS} to ${MAX_ROLE_MAX_SESSION_SECONDS}.`,
    );
  }
  if (role.description !== undefined) text(role.description, `${path}.description`);
  const arn = roleArn(accountId, rolePath, name);
  return {
    name,
    accountId,
    path: rolePath,
    arn,
    roleId: roleIdFor(arn),
    ...(typeof role.description === "string" ? { description: role.description } : {}),
    createDate: createdAt,
    maxSessionDurationSeconds: maxSession as number,
    trustPolicyDocument: role.trustPolicy as PolicyDocument,
    trustPolicy: policy(role.trustPolicy, `${path}.trustPolicy`),
    permissionPolicies: list(role.permissionPolicies, `${path}.permissionPolicies`).map((document, index) =>
      policy(document, `${path}.permissionPolicies[${index}]`),
    ),
  };
}

const ACCOUNT_STATES = ["ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "PENDING_ACTIVATION", "CLOSED"];

function resolveOrganization(
  value: unknown,
  path: string,
  managementAccountId: string,
  createdAt: Date,
): ResolvedOrganization {
  const members = list(object(value, path).accounts, `${path}.accounts`).map((raw, index) => {
    const where = `${path}.accounts[${index}]`;
    const account = object(raw, where);
    const id = text(account.id, `${where}.id`, ACCOUNT_ID, "an AWS account ID has 12 digits");
    const name = account.name === undefined ? `account-${id}` : text(account.name, `${where}.name`);
    const state = account.state === undefined ? "ACTIVE" : text(account.state, `${where}.state`);
    if (!ACCOUNT_STATES.includes(state)) {
      throw new ConfigError(`${where}.state`, `"${state}" is not an account state: ${ACCOUNT_STATES.join(", ")}.`);
    }
    return { id, name, email: `${name}@example.com`, state, joined: createdAt };
  });
  const management = {
    id: managementAccountId,
    name: "management",
    email: "management@example.com",
    state: "ACTIVE",
    joined: createdAt,
  };
  const accounts = [management, ...members];
  rejectDuplicates(
    accounts.map((account) => account.id),
    `${path}.accounts`,
  );
  const digest = createHash("sha256").update(managementAccountId).digest("hex").slice(0, 10);
  return { id: `o-${digest}`, managementAccountId, accounts };
}

function resolveBucket(value: unknown, path: string, defaultRegion: string, defaultAccountId: string): ResolvedBucket {
  const bucket = object(value, path);
  const accountId = ownerAccount(bucket.accountId, `${path}.accountId`, defaultAccountId);
  const name = text(bucket.name, `${path}.name`);
  const nameProblem = bucketNameProblem(name);
  if (nameProblem) throw new ConfigError(`${path}.name`, `"${name}" is not a valid bucket name: ${nameProblem}.`);
  const region =
    bucket.region === undefined ? defaultRegion : text(bucket.region, `${path}.region`, REGION, "a region name");
  const tags = bucket.tags === undefined ? {} : object(bucket.tags, `${path}.tags`);
  for (const [key, tagValue] of Object.entries(tags)) {
    if (typeof tagValue !== "string") throw new ConfigError(`${path}.tags.${key}`, "a tag value is a string.");
  }
  const tagProblem = tagSetProblem(Object.entries(tags).map(([key, tagValue]) => ({ key, value: String(tagValue) })));
  if (tagProblem) throw new ConfigError(`${path}.tags`, `${tagProblem}.`);
  if (bucket.abac !== undefined && typeof bucket.abac !== "boolean") {
    throw new ConfigError(`${path}.abac`, "expected true or false.");
  }
  return { name, accountId, region, tags: tags as Record<string, string>, abac: bucket.abac === true };
}
