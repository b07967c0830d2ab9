/**
 * The environment of a task's unit tests: aws-auth takes the AWS SDK's default chain, which finds
 * these fake keys, so a test with mocked clients never looks for, or uses, real credentials.
 */
export const UNIT_TEST_AWS_ENV: Readonly<Record<string, string>> = {
  AWS_AUTH_MODE: "default",
  AWS_ACCESS_KEY_ID: "AKIAUNITTEST",
  AWS_SECRET_ACCESS_KEY: "unit-test-secret",
  AWS_ACCOUNT_ID: "123456789012",
  AWS_REGION: "us-east-1",
};
