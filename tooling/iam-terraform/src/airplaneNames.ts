/**
 * What `npm run iam` accepts as a team ID, an environment slug and a task slug: the generated
 * Terraform validates its variables with these very patterns. Airplane's OIDC facts themselves
 * (issuer, audience, condition keys, subject format) are @repo/oidc-issuers's.
 */

/**
 * Airplane's team IDs: "tea" and lowercase letters or digits. Airplane's own OIDC guide shows 18
 * after "tea" (tea20010101aaaaaaaaaa: a date and 10 more), and 20 has been reported, so both are
 * accepted. Written so that JavaScript and Terraform (RE2) read it alike: the generated variable
 * validation uses this very pattern.
 */
export const TEAM_ID_PATTERN = "^tea[a-z0-9]{18,20}$";
export const ENV_SLUG_PATTERN = "^[a-z0-9_-]+$";
// Airplane's own rule for task slugs; slugs also become Terraform names and file names here.
export const TASK_SLUG_PATTERN = "^[a-z][a-z0-9_]{0,49}$";

// Where Airplane shows it: its guide says Team settings; every run also has it as AIRPLANE_TEAM_ID.
export const TEAM_ID_RULE =
  'an Airplane team ID is "tea" and 18 to 20 lowercase letters or digits, such as tea20010101aaaaaaaaaa ' +
  "(Airplane shows it under Team settings, and every run has it as AIRPLANE_TEAM_ID)";
export const ENV_SLUG_RULE = "an environment slug is lowercase letters, digits, - and _ (for example prod)";

/** The problem with a team ID, or undefined when it is one. */
export function teamIdProblem(teamId: string): string | undefined {
  return new RegExp(TEAM_ID_PATTERN).test(teamId) ? undefined : `"${teamId}" is not a team ID: ${TEAM_ID_RULE}.`;
}

export function envSlugProblem(envSlug: string): string | undefined {
  return new RegExp(ENV_SLUG_PATTERN).test(envSlug)
    ? undefined
    : `"${envSlug}" is not an environment slug: ${ENV_SLUG_RULE}.`;
}
