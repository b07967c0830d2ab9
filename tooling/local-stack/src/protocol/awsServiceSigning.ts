import type { SigningRules } from "../http/serviceTypes";

/**
 * How the query and JSON services (STS, IAM, Organizations) check SigV4: under their own signing
 * name, the path URI-encoded again, authentication failures with the query services' codes.
 */
export function awsServiceSigning(name: string, regions?: readonly string[]): SigningRules {
  return { name, escapePath: true, errors: "query", ...(regions ? { regions } : {}) };
}
