import { isIP } from "node:net";
import { resolve } from "node:path";

/** The preload that resolves `*.localhost` to 127.0.0.1 (see the file); an absolute path. */
export const RESOLVE_LOCALHOST_PRELOAD = resolve(__dirname, "../../resolve-localhost.cjs");

export interface LocalStackUrls {
  /** Airplane's API: the token endpoint and the OIDC documents. */
  airplane: string;
  /** GitHub Actions: the runner service's ID token endpoint and the OIDC documents of GitHub's issuer. */
  github: string;
  sts: string;
  s3: string;
  /**
   * `http://localhost:<port>`: the SDK puts the account ID in front of the host. Absent when the
   * stand-in plays an S3-compatible store, which serves no S3 Control.
   */
  s3Control?: string;
  iam: string;
  organizations: string;
}

const LOOPBACK_HOSTS = "127.0.0.1,localhost,.localhost";

// NODE_OPTIONS takes shell-like double quotes around a value with spaces.
function nodeOptionValue(path: string): string {
  return /[\s"\\]/.test(path) ? `"${path.replace(/(["\\])/g, "\\$1")}"` : path;
}

/**
 * The variables that point the AWS SDK (v3, and any SDK that honours `AWS_ENDPOINT_URL_<SERVICE>`)
 * at the stand-in, and preload the `*.localhost` resolver into child Node processes. No
 * credentials: a task gets those through Airplane OIDC, as in production. An S3 endpoint with a
 * host name gets `AWS_S3_FORCE_PATH_STYLE=true`, as a user of MinIO or Ceph sets it: the stand-in
 * serves path-style requests only. NO_PROXY keeps a proxy of the caller's away from it.
 */
export function awsEnvironment(urls: LocalStackUrls, region: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_ENDPOINT_URL_STS: urls.sts,
    AWS_ENDPOINT_URL_S3: urls.s3,
    ...(urls.s3Control ? { AWS_ENDPOINT_URL_S3_CONTROL: urls.s3Control } : {}),
    ...(isIP(new URL(urls.s3).hostname) ? {} : { AWS_S3_FORCE_PATH_STYLE: "true" }),
    AWS_ENDPOINT_URL_IAM: urls.iam,
    AWS_ENDPOINT_URL_ORGANIZATIONS: urls.organizations,
    NODE_OPTIONS: `--require ${nodeOptionValue(RESOLVE_LOCALHOST_PRELOAD)}`,
    // The stand-in is on this machine: a proxy set for the network (HTTPS_PROXY) must not get its
    // requests. Both cases, as proxy-from-env reads no_proxy before NO_PROXY.
    NO_PROXY: LOOPBACK_HOSTS,
    no_proxy: LOOPBACK_HOSTS,
  };
}
