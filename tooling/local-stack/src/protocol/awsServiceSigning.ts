import type { SigningRules } from "../http/serviceTypes";

/**
 * How the query and JSON services (STS, IAM, Organizations) check SigV4: under their own signing
 * name, the path URI-encoded again, the body hashed as received, failures with the query services' codes.
 */
export function awsServiceSigning(name: string, regions?: readonly string[]): SigningRules {
  return { name, escapePath: true, dialect: "query", ...(regions ? { regions } : {}) };
}
