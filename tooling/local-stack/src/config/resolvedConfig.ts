import type { NormalizedPolicy, PolicyDocument } from "@repo/iam-policy";
import type { GithubSubjectForm } from "@repo/oidc-issuers";

/** A registered IAM OIDC provider, with the names IAM derives from its URL. */
export interface ResolvedOidcProvider {
  url: string;
  /** `api.airplane.dev`: the ARN's resource and the prefix of the condition keys. */
  identifier: string;
  arn: string;
  clientIds: string[];
}

export interface ResolvedRole {
  name: string;
  accountId: string;
  path: string;
  arn: string;
  /** `AROA…`, stable for a given account and name. */
  roleId: string;
  description?: string;
  createDate: Date;
  maxSessionDurationSeconds: number;
  /** As configured, for IAM GetRole/ListRoles. */
  trustPolicyDocument: PolicyDocument;
  trustPolicy: NormalizedPolicy;
  permissionPolicies: NormalizedPolicy[];
}

export interface ResolvedBucket {
  name: string;
  accountId: string;
  region: string;
  tags: Record<string, string>;
  abac: boolean;
}

/** The configuration checked, with every default applied and every policy parsed. */
export interface ResolvedConfig {
  accountId: string;
  region: string;
  airplane: { teamId: string; envSlug: string; issuer: string };
  github?: ResolvedGithub;
  oidcProviders: ResolvedOidcProvider[];
  roles: ResolvedRole[];
  buckets: ResolvedBucket[];
  organization?: ResolvedOrganization;
}

export interface ResolvedGithub {
  /** The owner's login, as in `acme/aws-tasks`. */
  owner: string;
  /** The repository's name without its owner. */
  name: string;
  ownerId: string;
  repositoryId: string;
  subjectForm: GithubSubjectForm;
}

export interface ResolvedOrganization {
  /** `o-` and 10 characters, derived from the management account. */
  id: string;
  managementAccountId: string;
  /** The management account first. */
  accounts: Array<{ id: string; name: string; email: string; state: string; joined: Date }>;
}
