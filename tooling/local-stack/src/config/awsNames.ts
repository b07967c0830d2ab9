/** Shapes of AWS identifiers the stand-in checks in its configuration and in requests. */

export const ACCOUNT_ID = /^\d{12}$/;
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
// IAM: a path is "/" or starts and ends with "/", printable ASCII in between, at most 512 characters.
export const IAM_PATH = /^\/([\x21-\x7e]{0,510}\/)?$/;
export const MIN_ROLE_MAX_SESSION_SECONDS = 3600;
export const MAX_ROLE_MAX_SESSION_SECONDS = 43200;

export function roleArn(accountId: string, path: string, name: string): string {
  return `arn:aws:iam::${accountId}:role${path}${name}`;
}
