import {
  AIRPLANE_ISSUER,
  AUDIENCE_CONDITION_KEY,
  formatSubject,
  GITHUB_AUDIENCE_CONDITION_KEY,
  GITHUB_ISSUER,
  GITHUB_SUBJECT_CONDITION_KEY,
  githubSubject,
  providerArn,
  STS_AUDIENCE,
  SUBJECT_CONDITION_KEY,
  taskEnvironment,
  WEB_IDENTITY_ACTION,
} from "@repo/oidc-issuers";
import type { GithubConfig, LocalStackConfig } from "./stackConfig";

export const DEMO_ACCOUNT_ID = "123456789012";
export const DEMO_TEAM_ID = "tea20010101aaaaaaaaaa";
export const DEMO_ROLE_NAME = "add_s3_bucket_tag";
export const DEMO_BUCKET = "demo-bucket";
/** The GitHub repository the committed Terraform and the stand-in play, as the demo team for Airplane. */
export const DEMO_GITHUB: Required<GithubConfig> = {
  repository: "acme/aws-tasks",
  ownerId: "1234567",
  repositoryId: "987654321",
  subjectForm: "immutable",
};

/**
 * The setup of Airplane's AWS guide: the Airplane OIDC provider with audience sts.amazonaws.com,
 * a role `add_s3_bucket_tag` whose trust policy pins the audience and the subject of that task in
 * team `tea20010101aaaaaaaaaa`, env `prod`, and may read and replace bucket tags, and one tagged
 * bucket. The same task on GitHub Actions: GitHub's provider, and a second trust statement for the
 * job of `acme/aws-tasks` in environment `task-add_s3_bucket_tag` (immutable subject). A new object
 * each call, so a caller may change it freely.
 */
export function demoConfig(): LocalStackConfig {
  return {
    accountId: DEMO_ACCOUNT_ID,
    region: "us-east-1",
    airplane: { teamId: DEMO_TEAM_ID, envSlug: "prod" },
    github: { ...DEMO_GITHUB },
    oidcProviders: [
      { url: AIRPLANE_ISSUER, clientIds: [STS_AUDIENCE] },
      { url: GITHUB_ISSUER, clientIds: [STS_AUDIENCE] },
    ],
    roles: [
      {
        name: DEMO_ROLE_NAME,
        description: "Airplane task add_s3_bucket_tag (prod) through OIDC",
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Federated: providerArn(DEMO_ACCOUNT_ID) },
              Action: WEB_IDENTITY_ACTION,
              Condition: {
                StringEquals: {
                  [AUDIENCE_CONDITION_KEY]: STS_AUDIENCE,
                  [SUBJECT_CONDITION_KEY]: formatSubject({ team: DEMO_TEAM_ID, env: "prod", task: DEMO_ROLE_NAME }),
                },
              },
            },
            {
              Effect: "Allow",
              Principal: { Federated: providerArn(DEMO_ACCOUNT_ID, GITHUB_ISSUER) },
              Action: WEB_IDENTITY_ACTION,
              Condition: {
                StringEquals: {
                  [GITHUB_AUDIENCE_CONDITION_KEY]: STS_AUDIENCE,
                  [GITHUB_SUBJECT_CONDITION_KEY]: githubSubject({
                    owner: "acme",
                    repository: "aws-tasks",
                    ownerId: DEMO_GITHUB.ownerId,
                    repositoryId: DEMO_GITHUB.repositoryId,
                    environment: taskEnvironment(DEMO_ROLE_NAME),
                  }),
                },
              },
            },
          ],
        },
        permissionPolicies: [
          {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: ["s3:GetBucketTagging", "s3:PutBucketTagging"],
                Resource: "arn:aws:s3:::*",
              },
            ],
          },
        ],
      },
    ],
    buckets: [{ name: DEMO_BUCKET, region: "us-east-1", tags: { team: "platform", "cost-center": "cc-1234" } }],
  };
}
