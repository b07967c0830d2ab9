import { evaluatePolicies, type RequestContext } from "@repo/iam-policy";
import { decodeJwt, type JWTPayload } from "jose";
import type { ResolvedConfig, ResolvedOidcProvider, ResolvedRole } from "../config/resolvedConfig";
import { ServiceError } from "../http/serviceError";
import type { LogDetails } from "../http/serviceTypes";
import type { XmlElement } from "../protocol/xml";
import type { SessionStore } from "../state/sessionStore";
import { issueRoleSession } from "./issueRoleSession";
import { providerClaimContext } from "./providerClaimKeys";
import { assumeRoleWithWebIdentityParameters } from "./stsParameters";
import { checkCompactForm, singleAudience } from "./tokenRules";
import { verifyWebIdentityToken } from "./verifyWebIdentityToken";

export interface AssumeRoleDependencies {
  config: ResolvedConfig;
  sessions: SessionStore;
  now: () => Date;
  /** Where STS fetches a provider's discovery document; the stand-in serves Airplane's. */
  discoveryBaseUrl: (provider: ResolvedOidcProvider) => string;
  /** Caps the credentials' lifetime below DurationSeconds, to test expiry and refresh quickly. */
  credentialLifetimeSeconds?: number;
}

const ACTION = "sts:AssumeRoleWithWebIdentity";
const NOT_AUTHORIZED = `Not authorized to perform ${ACTION}`;
const IDP_FETCH_TIMEOUT_MS = 3000;

function decodeClaims(token: string): JWTPayload {
  checkCompactForm(token);
  try {
    return decodeJwt(token);
  } catch {
    throw new ServiceError("InvalidIdentityToken", 400, "The web identity token is not a well-formed JWT.");
  }
}

// `aud` and `amr` may be one string or an array of them.
function claimValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

// Names the role by its ARN; like STS, an unknown role or account is just "not authorized".
function roleFor(roleArn: string, config: ResolvedConfig): ResolvedRole {
  const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  // The OIDC providers are the config's account's: only its roles can trust one.
  const role = config.roles.find((candidate) => candidate.accountId === match?.[1] && candidate.name === match[2]);
  if (!match || match[1] !== config.accountId || !role) throw new ServiceError("AccessDenied", 403, NOT_AUTHORIZED);
  return role;
}

/**
 * STS AssumeRoleWithWebIdentity, checking what IAM checks, in its order: the parameters; the
 * token's form; its issuer registered as an OIDC provider; its one audience among the provider's
 * client IDs; its signature against the provider's JWKS, its expiry and times (`tokenRules`); the role's trust policy (evaluated with
 * `@repo/iam-policy`); the role's maximum session duration. Then temporary credentials.
 */
export async function assumeRoleWithWebIdentity(
  parameters: Record<string, string>,
  annotate: (details: LogDetails) => void,
  dependencies: AssumeRoleDependencies,
): Promise<XmlElement> {
  const { config, now } = dependencies;
  const request = assumeRoleWithWebIdentityParameters(parameters);
  annotate({ roleSessionName: request.roleSessionName });

  const claims = decodeClaims(request.webIdentityToken);
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  annotate({ sub: subject });
  const issuer = typeof claims.iss === "string" ? claims.iss : "";
  // STS compares iss with the provider's URL exactly: a trailing slash, or no https://, finds no provider.
  const provider = config.oidcProviders.find((candidate) => `https://${candidate.identifier}` === issuer);
  if (!provider) {
    throw new ServiceError(
      "InvalidIdentityToken",
      400,
      `No OpenIDConnect provider found in your account for ${issuer}`,
    );
  }
  const tokenAudiences = claimValues(claims.aud);
  singleAudience(tokenAudiences);
  if (!tokenAudiences.some((audience) => provider.clientIds.includes(audience))) {
    throw new ServiceError("InvalidIdentityToken", 400, "Incorrect token audience");
  }
  await verifyWebIdentityToken(request.webIdentityToken, {
    discoveryBaseUrl: dependencies.discoveryBaseUrl(provider),
    now: now(),
    timeoutMs: IDP_FETCH_TIMEOUT_MS,
  });

  const role = roleFor(request.roleArn, config);
  const context: RequestContext = {
    [`${provider.identifier}:aud`]: tokenAudiences,
    [`${provider.identifier}:sub`]: subject,
    ...(claims.amr !== undefined ? { [`${provider.identifier}:amr`]: claimValues(claims.amr) } : {}),
    ...providerClaimContext(provider, claims),
    "aws:FederatedProvider": provider.arn,
    "sts:RoleSessionName": request.roleSessionName,
  };
  const trust = evaluatePolicies([role.trustPolicy], {
    action: ACTION,
    principal: { type: "Federated", id: provider.arn },
    context,
  });
  if (!trust.allowed) throw new ServiceError("AccessDenied", 403, NOT_AUTHORIZED);

  if (request.durationSeconds > role.maxSessionDurationSeconds) {
    throw new ServiceError(
      "ValidationError",
      400,
      "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    );
  }

  return {
    SubjectFromWebIdentityToken: subject,
    Audience: tokenAudiences[0],
    ...issueRoleSession(role, { ...request, sub: subject }, dependencies),
    // For OpenID Connect, STS reports the token's issuer as the provider.
    Provider: issuer,
  };
}
