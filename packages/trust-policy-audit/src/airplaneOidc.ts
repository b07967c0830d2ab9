/** Airplane's OpenID Connect provider as IAM sees it: the provider's host names its condition keys. */
export const AIRPLANE_PROVIDER_HOST = "api.airplane.dev";
export const SUB_KEY = `${AIRPLANE_PROVIDER_HOST}:sub`;
export const AUD_KEY = `${AIRPLANE_PROVIDER_HOST}:aud`;

/** The audience Airplane tasks ask for (`airplane.auth.idToken("sts.amazonaws.com")`). */
export const DEFAULT_AUDIENCE = "sts.amazonaws.com";

export const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";

/** The Federated principal a trust policy names, with placeholders for what varies per account. */
export const PROVIDER_ARN_TEMPLATE = `arn:aws:iam::<account_id>:oidc-provider/${AIRPLANE_PROVIDER_HOST}`;

// Any 12-digit account in any partition (aws, aws-cn, aws-us-gov).
export const PROVIDER_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:oidc-provider\/api\.airplane\.dev$/;
