import { S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import airplane from "airplane";

/**
 * getAWSCredentials from Airplane's guide, as written there, except that the role and region come
 * from the environment (the guide hard-codes them) so that it can run against the stand-in: a new
 * STS client, a new ID token and an STS call every time credentials are wanted.
 */
export const getAWSCredentials = async () => {
  const client = new STSClient({ region: process.env.AWS_REGION });

  const token = await airplane.auth.idToken("sts.amazonaws.com");

  const response = await client.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: process.env.AWS_ROLE_ARN,
      WebIdentityToken: token,
      RoleSessionName: "my_session",
    }),
  );
  return response.Credentials;
};

/** The guide's S3 client, built from the credentials getAWSCredentials returned. */
export const guideS3Client = (credentials: Awaited<ReturnType<typeof getAWSCredentials>>) =>
  new S3Client({
    region: process.env.AWS_REGION,
    credentials: {
      accessKeyId: credentials?.AccessKeyId ?? "",
      secretAccessKey: credentials?.SecretAccessKey ?? "",
      sessionToken: credentials?.SessionToken ?? "",
    },
  });
