import type { ResolvedRole } from "../config/resolvedConfig";
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from "./randomText";

/** Temporary credentials STS issued for one role session, and who they belong to. */
export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Whole seconds, as STS's `Expiration` says it. */
  expiration: Date;
  role: ResolvedRole;
  /** The role's account: the account the session acts in. */
  accountId: string;
  roleSessionName: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` */
  assumedRoleArn: string;
  /** `<role ID>:<session>` */
  assumedRoleId: string;
  /** The web identity the session was issued for. */
  sub: string;
}

export interface IssueSessionInput {
  role: ResolvedRole;
  roleSessionName: string;
  sub: string;
  lifetimeSeconds: number;
  now: Date;
}

/** Every set of credentials STS issued, by access key ID. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  issue({ role, roleSessionName, sub, lifetimeSeconds, now }: IssueSessionInput): Session {
    const { accountId } = role;
    const expiresAtMs = Math.floor(now.getTime() / 1000 + lifetimeSeconds) * 1000;
    const session: Session = {
      accessKeyId: newAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      expiration: new Date(expiresAtMs),
      role,
      accountId,
      roleSessionName,
      assumedRoleArn: `arn:aws:sts::${accountId}:assumed-role/${role.name}/${roleSessionName}`,
      assumedRoleId: `${role.roleId}:${roleSessionName}`,
      sub,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  /** Every secret access key and session token issued: what must never appear in any output. */
  secrets(): string[] {
    return [...this.sessions.values()].flatMap((session) => [session.secretAccessKey, session.sessionToken]);
  }

  find(accessKeyId: string): Session | undefined {
    return this.sessions.get(accessKeyId);
  }
}
