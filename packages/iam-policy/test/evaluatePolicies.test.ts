import { describe, expect, it } from "vitest";
import {
  type AuthorizationRequest,
  type ConditionBlock,
  type Decision,
  evaluatePolicies,
  normalizePolicy,
  type PolicyDocument,
  type RequestPrincipal,
} from "../src/index";

const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/api.airplane.dev";
const AIRPLANE: RequestPrincipal = { type: "Federated", id: PROVIDER_ARN };
const TASK_SUB = "team:tea20010101aaaaaaaaaa:env:prod:task:add_s3_bucket_tag";
const ASSUME = "sts:AssumeRoleWithWebIdentity";

/** A trust policy for Airplane's OIDC provider with the given conditions. */
function airplaneTrust(condition: ConditionBlock): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: { Effect: "Allow", Principal: { Federated: PROVIDER_ARN }, Action: ASSUME, Condition: condition },
  };
}

/** The trust policy of Airplane's AWS guide: aud and sub pinned with StringEquals. */
const PINNED_TRUST = airplaneTrust({
  StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com", "api.airplane.dev:sub": TASK_SUB },
});

/** The guide's team-wide variant: aud pinned, sub with StringLike. */
const TEAM_TRUST = airplaneTrust({
  StringEquals: { "api.airplane.dev:aud": "sts.amazonaws.com" },
  StringLike: { "api.airplane.dev:sub": "team:tea20010101aaaaaaaaaa:*" },
});

/** The pitfall a later audit flags: ForAllValues passes when the token carries no such key. */
const FOR_ALL_VALUES_TRUST = airplaneTrust({ "ForAllValues:StringEquals": { "api.airplane.dev:sub": TASK_SUB } });

const TAGGING: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["s3:GetBucketTagging", "s3:PutBucketTagging"], Resource: "arn:aws:s3:::*" }],
};

const DENY_PROTECTED: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Sid: "NoProtected", Effect: "Deny", Action: "s3:Put*", Resource: "arn:aws:s3:::protected-*" }],
};

const EVERYTHING_BUT_IAM: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::secret" }],
};

function webIdentity(claims: { aud?: string; sub?: string }, principal = AIRPLANE): AuthorizationRequest {
  return {
    action: ASSUME,
    principal,
    context: {
      ...(claims.aud !== undefined ? { "api.airplane.dev:aud": claims.aud } : {}),
      ...(claims.sub !== undefined ? { "api.airplane.dev:sub": claims.sub } : {}),
    },
  };
}

function s3(action: string, bucket: string): AuthorizationRequest {
  return { action, resource: `arn:aws:s3:::${bucket}` };
}

const cases: Array<[string, PolicyDocument[], AuthorizationRequest, Decision]> = [
  // Trust policies.
  ["the pinned task's token", [PINNED_TRUST], webIdentity({ aud: "sts.amazonaws.com", sub: TASK_SUB }), "Allow"],
  [
    "another task",
    [PINNED_TRUST],
    webIdentity({ aud: "sts.amazonaws.com", sub: TASK_SUB.replace("add_s3_bucket_tag", "other") }),
    "ImplicitDeny",
  ],
  [
    "another env (airplane dev's studio)",
    [PINNED_TRUST],
    webIdentity({ aud: "sts.amazonaws.com", sub: TASK_SUB.replace("env:prod", "env:studio") }),
    "ImplicitDeny",
  ],
  [
    "another team",
    [PINNED_TRUST],
    webIdentity({ aud: "sts.amazonaws.com", sub: TASK_SUB.replace("tea20010101", "tea20990101") }),
    "ImplicitDeny",
  ],
  ["another audience", [PINNED_TRUST], webIdentity({ aud: "my-api", sub: TASK_SUB }), "ImplicitDeny"],
  [
    "a sub in another case",
    [PINNED_TRUST],
    webIdentity({ aud: "sts.amazonaws.com", sub: TASK_SUB.toUpperCase() }),
    "ImplicitDeny",
  ],
  [
    "another provider",
    [PINNED_TRUST],
    webIdentity(
      { aud: "sts.amazonaws.com", sub: TASK_SUB },
      { type: "Federated", id: "arn:aws:iam::1:oidc-provider/x" },
    ),
    "ImplicitDeny",
  ],
  [
    "an AWS principal with the same ID",
    [PINNED_TRUST],
    webIdentity({ aud: "sts.amazonaws.com", sub: TASK_SUB }, { type: "AWS", id: PROVIDER_ARN }),
    "ImplicitDeny",
  ],
  [
    "another action",
    [PINNED_TRUST],
    { ...webIdentity({ aud: "sts.amazonaws.com", sub: TASK_SUB }), action: "sts:AssumeRole" },
    "ImplicitDeny",
  ],
  [
    "any task of the team (StringLike)",
    [TEAM_TRUST],
    webIdentity({ aud: "sts.amazonaws.com", sub: TASK_SUB.replace("add_s3_bucket_tag", "other") }),
    "Allow",
  ],
  [
    "another team (StringLike)",
    [TEAM_TRUST],
    webIdentity({ aud: "sts.amazonaws.com", sub: "team:tea2:env:prod:task:x" }),
    "ImplicitDeny",
  ],
  ["ForAllValues with the matching sub", [FOR_ALL_VALUES_TRUST], webIdentity({ sub: TASK_SUB }), "Allow"],
  [
    "ForAllValues with another sub",
    [FOR_ALL_VALUES_TRUST],
    webIdentity({ sub: "team:x:env:prod:task:y" }),
    "ImplicitDeny",
  ],
  ["ForAllValues with no sub at all (the pitfall)", [FOR_ALL_VALUES_TRUST], webIdentity({}), "Allow"],
  // Permission policies.
  ["an allowed action", [TAGGING], s3("s3:GetBucketTagging", "demo-bucket"), "Allow"],
  ["an allowed action in another case", [TAGGING], s3("S3:getBucketTagging", "demo-bucket"), "Allow"],
  ["an action the policy lacks (default deny)", [TAGGING], s3("s3:ListBucket", "demo-bucket"), "ImplicitDeny"],
  ["no policy at all", [], s3("s3:GetBucketTagging", "demo-bucket"), "ImplicitDeny"],
  [
    "another resource type",
    [TAGGING],
    { action: "s3:GetBucketTagging", resource: "arn:aws:iam::1:role/x" },
    "ImplicitDeny",
  ],
  [
    "an explicit Deny over an Allow",
    [TAGGING, DENY_PROTECTED],
    s3("s3:PutBucketTagging", "protected-logs"),
    "ExplicitDeny",
  ],
  ["an Allow the Deny does not reach", [TAGGING, DENY_PROTECTED], s3("s3:PutBucketTagging", "demo-bucket"), "Allow"],
  ["a Deny alone", [DENY_PROTECTED], s3("s3:PutBucketTagging", "protected-logs"), "ExplicitDeny"],
  ["NotAction: an action outside the exclusion", [EVERYTHING_BUT_IAM], s3("s3:ListBucket", "demo-bucket"), "Allow"],
  ["NotAction: the excluded service", [EVERYTHING_BUT_IAM], { action: "iam:ListRoles", resource: "*" }, "ImplicitDeny"],
  ["NotResource: the excluded resource", [EVERYTHING_BUT_IAM], s3("s3:ListBucket", "secret"), "ImplicitDeny"],
  ["a statement with Resource, a request without", [TAGGING], { action: "s3:GetBucketTagging" }, "ImplicitDeny"],
];

describe("evaluatePolicies", () => {
  it.each(cases)("%s: %s", (_label, documents, request, decision) => {
    const result = evaluatePolicies(documents.map(normalizePolicy), request);
    expect(result.decision).toBe(decision);
    expect(result.allowed).toBe(decision === "Allow");
  });

  it("reports every statement that applied, so a denial can be explained", () => {
    const result = evaluatePolicies(
      [TAGGING, DENY_PROTECTED].map(normalizePolicy),
      s3("s3:PutBucketTagging", "protected-logs"),
    );
    expect(result.matches).toEqual([
      { policyIndex: 0, statementIndex: 0, effect: "Allow" },
      { policyIndex: 1, statementIndex: 0, effect: "Deny", sid: "NoProtected" },
    ]);
  });

  it("lets anyone through a Principal of *, and NotPrincipal exempt the named", () => {
    const policies = [
      normalizePolicy({
        Statement: [
          { Effect: "Allow", Principal: "*", Action: "s3:GetBucketTagging" },
          { Effect: "Deny", NotPrincipal: { Federated: PROVIDER_ARN }, Action: "s3:GetBucketTagging" },
        ],
      }),
    ];
    expect(evaluatePolicies(policies, { action: "s3:GetBucketTagging", principal: AIRPLANE }).decision).toBe("Allow");
    expect(
      evaluatePolicies(policies, {
        action: "s3:GetBucketTagging",
        principal: { type: "AWS", id: "arn:aws:iam::1:root" },
      }).decision,
    ).toBe("ExplicitDeny");
  });
});
