import { randomBytes, randomUUID } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function fromAlphabet(alphabet: string, length: number): string {
  // 256 is a multiple of 32 but not of 36: the slight bias of `% 36` is harmless for identifiers.
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** `ASIA` and 16 base32 characters, the form of an STS temporary access key ID. */
export const newAccessKeyId = (): string => `ASIA${fromAlphabet(BASE32, 16)}`;

/** 40 characters, like an AWS secret access key. */
export const newSecretAccessKey = (): string => randomBytes(30).toString("base64");

/** Opaque, long and unguessable, like STS session tokens. */
export const newSessionToken = (): string => randomBytes(240).toString("base64");

/** Opaque and unguessable: the AIRPLANE_TOKEN of a run, the ACTIONS_ID_TOKEN_REQUEST_TOKEN of a job. */
export const newOpaqueToken = (): string => randomBytes(32).toString("base64url");

/** Airplane's ID form: a three-letter kind, a date and ten characters, such as `run20260101abcdefghij`. */
export function newAirplaneId(kind: string, now = new Date()): string {
  const date = now.toISOString().slice(0, 10).replaceAll("-", "");
  return `${kind}${date}${fromAlphabet(LOWER_ALPHANUMERIC, 10)}`;
}

/** A number of the given length with no leading zero, such as GitHub's run IDs. */
export function newNumericId(length: number): string {
  return `${1 + ((randomBytes(1)[0] ?? 0) % 9)}${fromAlphabet("0123456789", length - 1)}`;
}

/** 40 hexadecimal characters, like a git commit SHA. */
export const newCommitSha = (): string => randomBytes(20).toString("hex");

/** STS and IAM request IDs are UUIDs. */
export const newUuidRequestId = (): string => randomUUID();

/** S3 request IDs are 16 upper-case characters. */
export const newS3RequestId = (): string => fromAlphabet(UPPER_ALPHANUMERIC, 16);
