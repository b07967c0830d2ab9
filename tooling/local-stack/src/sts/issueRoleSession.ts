import type { ResolvedConfig, ResolvedRole } from "../config/resolvedConfig";
import type { XmlElement } from "../protocol/xml";
import type { SessionStore } from "../state/sessionStore";
import { awsTimestamp } from "./awsTimestamp";

export interface IssueDependencies {
  config: ResolvedConfig;
  sessions: SessionStore;
  now: () => Date;
  /** Caps the credentials' lifetime below DurationSeconds, to test expiry and refresh quickly. */
  credentialLifetimeSeconds?: number;
}

/** A new session of the role, as the `AssumedRoleUser` and `Credentials` of an STS result. */
export function issueRoleSession(
  role: ResolvedRole,
  request: { roleSessionName: string; durationSeconds: number; sub: string },
  { sessions, now, credentialLifetimeSeconds }: IssueDependencies,
): XmlElement {
  const session = sessions.issue({
    role,
    roleSessionName: request.roleSessionName,
    sub: request.sub,
    lifetimeSeconds: Math.min(request.durationSeconds, credentialLifetimeSeconds ?? Infinity),
    now: now(),
  });
  return {
    AssumedRoleUser: { Arn: session.assumedRoleArn, AssumedRoleId: session.assumedRoleId },
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: awsTimestamp(session.expiration),
    },
  };
}
