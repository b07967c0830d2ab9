import { AIRPLANE_ISSUER, GITHUB_ISSUER } from "@repo/oidc-issuers";
import { airplaneIdToken } from "./airplaneIdToken";
import { AwsAuthError, invalidConfiguration } from "./errors";
import { githubIdToken } from "./githubIdToken";
import { tokenFileIdToken } from "./tokenFileIdToken";
import { localRunCommand } from "./localRunCommand";

/** Issues an OIDC ID token for an audience. */
export type IdTokenSource = (audience: string) => Promise<string>;

/** Where a run's credentials come from: an OIDC token of one of three sources, or the AWS SDK's default chain. */
export type CredentialSource = "airplane" | "github" | "token-file" | "default";
export type OidcSource = Exclude<CredentialSource, "default">;

interface OidcSourceSpec {
  /** The variable whose presence says the run is there. */
  variable: string;
  getIdToken: IdTokenSource;
  /** The issuer its tokens usually carry, for messages when the token cannot be read. */
  issuer?: string;
  /** For get_aws_caller_identity's "Credentials from" line. */
  description: string;
}

/** In the order they are looked for. */
export const OIDC_SOURCES: Record<OidcSource, OidcSourceSpec> = {
  airplane: {
    variable: "AIRPLANE_API_HOST",
    getIdToken: airplaneIdToken,
    issuer: AIRPLANE_ISSUER,
    description: "Airplane OIDC token, exchanged with STS AssumeRoleWithWebIdentity",
  },
  github: {
    variable: "ACTIONS_ID_TOKEN_REQUEST_URL",
    getIdToken: githubIdToken,
    issuer: GITHUB_ISSUER,
    description: "GitHub Actions OIDC token, exchanged with STS AssumeRoleWithWebIdentity",
  },
  "token-file": {
    variable: "AWS_WEB_IDENTITY_TOKEN_FILE",
    getIdToken: async () => tokenFileIdToken(),
    description: "the OIDC token in AWS_WEB_IDENTITY_TOKEN_FILE, exchanged with STS AssumeRoleWithWebIdentity",
  },
};

const OIDC_SOURCE_NAMES = Object.keys(OIDC_SOURCES) as OidcSource[];
const MODES = [...OIDC_SOURCE_NAMES, "oidc", "default"];

/**
 * The source where the run is: Airplane (`AIRPLANE_API_HOST`), GitHub Actions
 * (`ACTIONS_ID_TOKEN_REQUEST_URL`), a token file (`AWS_WEB_IDENTITY_TOKEN_FILE`), else the SDK's
 * default chain. `AWS_AUTH_MODE` forces one; `oidc` means whichever OIDC source is present, or an
 * error. A GitHub job without `id-token: write` is an error naming it, before any AWS call.
 */
export function credentialSource(env: NodeJS.ProcessEnv): CredentialSource {
  const mode = env.AWS_AUTH_MODE || undefined;
  if (mode === "default") return "default";
  if (mode !== undefined && mode !== "oidc") {
    if (!isOidcSource(mode)) {
      throw invalidConfiguration(
        `AWS_AUTH_MODE "${mode}" is not a mode: use one of ${MODES.join(", ")} (oidc: whichever OIDC token ` +
          "source is present; default: your AWS credentials), or unset it to choose by where the run is.",
      );
    }
    if (!env[OIDC_SOURCES[mode].variable]) throw sourceAbsent(mode, env);
    return mode;
  }
  const present = OIDC_SOURCE_NAMES.find((name) => env[OIDC_SOURCES[name].variable]);
  if (present) return present;
  if (env.GITHUB_ACTIONS === "true") throw missingIdTokenPermission();
  if (mode === "oidc") {
    throw new AwsAuthError(
      "NoIdTokenSource",
      "AWS_AUTH_MODE=oidc requires an OIDC ID token, and no source of one is here: none of " +
        `${OIDC_SOURCE_NAMES.map((name) => OIDC_SOURCES[name].variable).join(", ")} is set. To run the task on ` +
        `the local stand-in, which issues one: ${localRunCommand(env)}. Otherwise run it in its GitHub Actions ` +
        "workflow, on Airplane or under `airplane dev`, or unset AWS_AUTH_MODE to use your own AWS credentials.",
    );
  }
  return "default";
}

function isOidcSource(mode: string): mode is OidcSource {
  return OIDC_SOURCE_NAMES.includes(mode as OidcSource);
}

function sourceAbsent(source: OidcSource, env: NodeJS.ProcessEnv): AwsAuthError {
  if (source === "github" && env.GITHUB_ACTIONS === "true") return missingIdTokenPermission();
  const why = {
    airplane: "Cannot get an Airplane ID token: AIRPLANE_API_HOST is not set, so this is not an Airplane run.",
    github:
      "Cannot get a GitHub Actions ID token: ACTIONS_ID_TOKEN_REQUEST_URL is not set, so this is not a GitHub Actions job.",
    "token-file": "Cannot read an ID token: AWS_WEB_IDENTITY_TOKEN_FILE is not set.",
  }[source];
  return new AwsAuthError(
    "NoIdTokenSource",
    `${why} AWS_AUTH_MODE=${source} requires it: unset AWS_AUTH_MODE to choose by where the run is.`,
  );
}

function missingIdTokenPermission(): AwsAuthError {
  return new AwsAuthError(
    "IdTokenPermissionMissing",
    "This GitHub Actions job cannot get an OIDC ID token: GitHub sets ACTIONS_ID_TOKEN_REQUEST_URL only for jobs " +
      'with "permissions: id-token: write". Add it to the job (or the workflow) in .github/workflows/task-<slug>.yml: ' +
      "permissions: { contents: read, id-token: write }. Pull requests from forks never get it. " +
      "(AWS_AUTH_MODE=default uses AWS credentials from the environment instead.)",
  );
}

/** How a run got its credentials, in words: get_aws_caller_identity's "Credentials from". */
export function describeCredentialSource(source: CredentialSource): string {
  return source === "default" ? "the AWS SDK default credential chain (a local run)" : OIDC_SOURCES[source].description;
}
