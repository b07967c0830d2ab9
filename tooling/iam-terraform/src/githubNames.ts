/**
 * What `npm run iam` and `npm run setup` accept as a GitHub repository and its numeric IDs: the
 * generated Terraform validates its github_* variables with these very patterns. GitHub's OIDC
 * facts themselves (issuer, condition keys, subject forms) are @repo/oidc-issuers's.
 */

// Logins are letters, digits and hyphens, at most 39; repository names letters, digits, . _ and -.
export const GITHUB_OWNER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{0,38}$";
export const GITHUB_REPOSITORY_PATTERN = "^[A-Za-z0-9._-]{1,100}$";
export const GITHUB_ID_PATTERN = "^[1-9][0-9]*$";

/** How to learn the numeric IDs the immutable subject form needs. */
export const githubIdsHint = (repository = "<owner>/<repo>"): string =>
  `gh api repos/${repository} --jq '.owner.id, .id' prints the owner's ID, then the repository's`;

export const GITHUB_REPOSITORY_RULE =
  "a repository is <owner>/<repo> as GitHub writes it (IAM compares the token's sub case-sensitively), " +
  "for example acme/aws-tasks";
export const GITHUB_ID_RULE = `a numeric ID is digits (${githubIdsHint()})`;

/** `owner/repo` split, or undefined when it is not one. */
export function parseRepository(text: string): { owner: string; repository: string } | undefined {
  const [owner = "", repository = "", ...rest] = text.split("/");
  const valid =
    rest.length === 0 &&
    new RegExp(GITHUB_OWNER_PATTERN).test(owner) &&
    new RegExp(GITHUB_REPOSITORY_PATTERN).test(repository);
  return valid ? { owner, repository } : undefined;
}

export function githubIdProblem(what: string, id: string): string | undefined {
  return new RegExp(GITHUB_ID_PATTERN).test(id) ? undefined : `"${id}" is not ${what}: ${GITHUB_ID_RULE}.`;
}
