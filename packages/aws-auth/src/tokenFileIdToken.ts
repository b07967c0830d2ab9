import { readFile } from "node:fs/promises";
import { errorText } from "@repo/error-text";
import { AwsAuthError } from "./errors";

/**
 * The ID token in the file `AWS_WEB_IDENTITY_TOKEN_FILE` names, read afresh for each exchange:
 * Kubernetes (EKS) rotates the projected token in place, and GitLab CI's `id_tokens` are written
 * to a file by the job. The audience is the issuer's to choose (the pod spec, the job's
 * `id_tokens`), so it is not asked for here; the trust policy checks it.
 */
export async function tokenFileIdToken(): Promise<string> {
  const path = process.env.AWS_WEB_IDENTITY_TOKEN_FILE ?? "";
  let token: string;
  try {
    token = await readFile(path, "utf8");
  } catch (error) {
    throw new AwsAuthError(
      "IdTokenUnavailable",
      `AWS_WEB_IDENTITY_TOKEN_FILE names ${path}, which cannot be read: ${errorText(error)}. ` +
        "Point it at the token file your platform writes (EKS: the projected service account token).",
      { cause: error },
    );
  }
  // `echo "$ID_TOKEN" > file` leaves a newline, which is no part of a JWT.
  token = token.trim();
  if (!token) {
    throw new AwsAuthError("IdTokenUnavailable", `AWS_WEB_IDENTITY_TOKEN_FILE names ${path}, which is empty.`);
  }
  return token;
}
