/** The `iss` of Airplane's ID tokens, and the URL of the IAM OIDC provider that trusts them. */
export const AIRPLANE_ISSUER = "https://api.airplane.dev";

/**
 * IAM names an OIDC provider, its ARN and its condition keys after the provider URL without the
 * scheme or a trailing slash: `https://api.airplane.dev` gives `api.airplane.dev`.
 */
export function providerHost(issuerUrl: string): string {
  return issuerUrl.replace(/^https:\/\//, "").replace(/\/+$/, "");
}

export const AIRPLANE_PROVIDER_HOST = providerHost(AIRPLANE_ISSUER);

/** The audience tasks ask `airplane.auth.idToken()` for, and the provider's client ID in IAM. */
export const STS_AUDIENCE = "sts.amazonaws.com";

export const AUDIENCE_CONDITION_KEY = `${AIRPLANE_PROVIDER_HOST}:aud`;
export const SUBJECT_CONDITION_KEY = `${AIRPLANE_PROVIDER_HOST}:sub`;

export const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";

/** The environment of the tokens `airplane dev` (the local studio) issues. */
export const STUDIO_ENV_SLUG = "studio";

export function providerArn(accountId: string, issuerUrl = AIRPLANE_ISSUER): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${providerHost(issuerUrl)}`;
}

/** The Federated principal a trust policy names, with a placeholder for the account. */
export const PROVIDER_ARN_TEMPLATE = providerArn("<account_id>");

/** Airplane's provider in any 12-digit account of any partition (aws, aws-cn, aws-us-gov). */
export const AIRPLANE_PROVIDER_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:oidc-provider\/api\.airplane\.dev$/;
