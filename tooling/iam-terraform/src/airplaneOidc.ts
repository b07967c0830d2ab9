/**
 * What AWS must know about Airplane's OpenID Connect tokens, in one place: the generator writes
 * these values into the Terraform, and `--check` and the tests read them back.
 */

/** The `iss` of Airplane's ID tokens, and the URL of the IAM OIDC provider that trusts them. */
export const AIRPLANE_ISSUER_URL = "https://api.airplane.dev";

/** IAM names the provider, its ARN and its condition keys after the URL without the scheme. */
export const AIRPLANE_PROVIDER_HOST = "api.airplane.dev";

/** The audience tasks ask `airplane.auth.idToken()` for, and the provider's only client ID. */
export const STS_AUDIENCE = "sts.amazonaws.com";

export const AUDIENCE_CONDITION_KEY = `${AIRPLANE_PROVIDER_HOST}:aud`;
export const SUBJECT_CONDITION_KEY = `${AIRPLANE_PROVIDER_HOST}:sub`;

/** The environment of the tokens `airplane dev` (the local studio) issues. */
export const STUDIO_ENV_SLUG = "studio";

/**
 * Airplane's team IDs, as shown under Team settings: "tea" and lowercase letters or digits.
 * Airplane's own OIDC guide shows 18 after "tea" (tea20010101aaaaaaaaaa: a date and 10 more), and
 * 20 has been reported, so both are accepted. Written so that JavaScript and Terraform (RE2) read
 * it alike: the generated variable validation uses this very pattern.
 */
export const TEAM_ID_PATTERN = "^tea[a-z0-9]{18,20}$";
export const ENV_SLUG_PATTERN = "^[a-z0-9_-]+$";
// Airplane's own rule for task slugs; slugs also become Terraform names and file names here.
export const TASK_SLUG_PATTERN = "^[a-z][a-z0-9_]{0,49}$";

export const TEAM_ID_RULE = 'an Airplane team ID is "tea" and 18 to 20 lowercase letters or digits (see Team settings)';
export const ENV_SLUG_RULE = "an environment slug is lowercase letters, digits, - and _ (for example prod)";

/** `team:{team_id}:env:{env_slug}:task:{task_slug}`: the `sub` claim of a task's ID token. */
export function taskSubject(teamId: string, envSlug: string, taskSlug: string): string {
  return `team:${teamId}:env:${envSlug}:task:${taskSlug}`;
}

/** The problem with a team ID, or undefined when it is one. */
export function teamIdProblem(teamId: string): string | undefined {
  return new RegExp(TEAM_ID_PATTERN).test(teamId) ? undefined : `"${teamId}" is not a team ID: ${TEAM_ID_RULE}.`;
}

export function envSlugProblem(envSlug: string): string | undefined {
  return new RegExp(ENV_SLUG_PATTERN).test(envSlug)
    ? undefined
    : `"${envSlug}" is not an environment slug: ${ENV_SLUG_RULE}.`;
}
