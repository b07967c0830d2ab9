import { IAMClient, paginateListRoles } from "@aws-sdk/client-iam";
import { awsClientSettings, fromTaskRole, withSecretFreeErrors } from "@repo/aws-auth";
import {
  auditTrustPolicy,
  type FindingRow,
  findingRows,
  sortFindings,
  summarizeFindings,
  type TrustPolicyFinding,
  platformsTrusted,
} from "@repo/trust-policy-audit";
import airplane from "airplane";

export default airplane.task(
  {
    slug: "audit_aws_oidc_roles",
    name: "Audit AWS OIDC roles",
    description:
      "Checks the trust policy of every IAM role that trusts Airplane's or GitHub Actions' OIDC provider " +
      "(api.airplane.dev, token.actions.githubusercontent.com) for the mistakes that let the wrong tasks in: no sub " +
      "condition, a sub spanning teams, repositories or environments, no aud, ForAllValues misuse, other principals " +
      "mixed in. Findings come most severe first, each with its fix.",
    parameters: {
      team_id: {
        type: "shorttext",
        name: "Team ID",
        description: "Your Airplane team ID, so a role pinned to another team is flagged. Optional.",
        required: false,
      },
      env: {
        type: "shorttext",
        name: "Environment",
        description: "The environment slug the roles are meant for (e.g. prod), so other environments are flagged.",
        required: false,
      },
      github_repository: {
        type: "shorttext",
        name: "GitHub repository",
        description: "The owner/repo whose jobs the roles are meant for, so another repository is flagged. Optional.",
        required: false,
      },
      github_owner_id: {
        type: "shorttext",
        name: "GitHub owner ID",
        description:
          "With the repository ID, when the repository's tokens carry the immutable subject: a subject by name is " +
          "then flagged (gh api repos/<owner>/<repo> --jq '.owner.id, .id'). Optional.",
        required: false,
      },
      github_repository_id: {
        type: "shorttext",
        name: "GitHub repository ID",
        description: "The repository's numeric ID, with the owner's. Optional.",
        required: false,
      },
      path_prefix: {
        type: "shorttext",
        name: "Role path prefix",
        description: "Only roles under this IAM path, e.g. /airplane/. Default: every role.",
        required: false,
      },
    },
    // Rows come sorted most severe first (sortFindings); the table keeps that order.
    outputDisplay: {
      type: "table",
      value: "{{output.findings}}",
      columns: [
        { label: "Severity", accessor: "severity" },
        { label: "Role", accessor: "role" },
        { label: "Problem", accessor: "problem" },
        { label: "Fix", accessor: "fix" },
        { label: "Statement", accessor: "statement" },
        { label: "Code", accessor: "code" },
      ],
    },
    envVars: {
      AWS_ROLE_ARN: { config: "aws_role_arn_audit_aws_oidc_roles" },
      AWS_REGION: { config: "aws_region" },
    },
  },
  withSecretFreeErrors(async (params) => {
    const iam = new IAMClient({ ...awsClientSettings(), credentials: fromTaskRole() });
    const expected = {
      ...(params.team_id ? { teamId: params.team_id } : {}),
      ...(params.env ? { envSlug: params.env } : {}),
      ...(params.github_repository ? { githubRepository: params.github_repository } : {}),
      ...(params.github_owner_id ? { githubOwnerId: params.github_owner_id } : {}),
      ...(params.github_repository_id ? { githubRepositoryId: params.github_repository_id } : {}),
    };
    const findings: TrustPolicyFinding[] = [];
    let rolesChecked = 0;
    let rolesTrustingTasks = 0;
    const pages = paginateListRoles({ client: iam }, params.path_prefix ? { PathPrefix: params.path_prefix } : {});
    for await (const page of pages) {
      for (const role of page.Roles ?? []) {
        rolesChecked++;
        const document = role.AssumeRolePolicyDocument;
        if (!document || platformsTrusted(document).length === 0) continue;
        rolesTrustingTasks++;
        findings.push(...auditTrustPolicy(document, { ...expected, roleName: role.RoleName, roleArn: role.Arn }));
      }
    }
    const rows: FindingRow[] = findingRows(sortFindings(findings));
    return {
      summary: `${rolesTrustingTasks} of ${rolesChecked} roles trust Airplane or GitHub Actions. ${summarizeFindings(findings)}`,
      findings: rows,
    };
  }),
);
