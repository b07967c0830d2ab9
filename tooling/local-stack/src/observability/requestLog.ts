import type { ServiceName } from "../serviceName";

/**
 * One request as the stand-in answered it. Identifiers only: never a token, a secret key, a session
 * token or an AIRPLANE_TOKEN, so the log can be printed or attached to a failing test as it is.
 */
export interface RequestLogEntry {
  service: ServiceName;
  operation: string;
  status: number;
  /** The AWS (or Airplane) error code of a failed request. */
  errorCode?: string;
  /** The access key that signed the request, for signed requests. */
  accessKeyId?: string;
  roleSessionName?: string;
  /** The ID token's subject, for token issuance (Airplane's, GitHub's) and STS AssumeRoleWithWebIdentity. */
  sub?: string;
  /** The audience an ID token was asked for, for token issuance: `sts.amazonaws.com` for AWS. */
  audience?: string;
  /** True when an injected fault produced the failure. */
  injected?: boolean;
  durationMs: number;
  /** When the request arrived; entries are recorded when answered. */
  at: Date;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** A copy, so a caller's later assertions are not changed by requests that arrive after. */
  snapshot(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  count(service: ServiceName, operation?: string): number {
    return this.entries.filter((entry) => entry.service === service && (!operation || entry.operation === operation))
      .length;
  }

  reset(): void {
    this.entries = [];
  }
}
