import { GetBucketTaggingCommand, S3Client } from "@aws-sdk/client-s3";
import { fromTaskRole } from "@repo/aws-auth";
import { errorText } from "@repo/error-text";
import { getAWSCredentials, guideS3Client } from "../../baseline/guideCredentials";

/**
 * M S3 calls through K clients, with credentials either from aws-auth (`ours`) or from the guide's
 * getAWSCredentials, called each time a client wants credentials (`guide`). Run as a process of
 * its own, with a run's environment pointing at the stand-in, which counts the calls.
 * Usage: callsThroughClients.ts <ours|guide> <clients> <calls> <bucket>
 */
async function main([way = "ours", clients = "4", calls = "40", bucket = "demo-bucket"]: string[]): Promise<void> {
  const s3Clients = await Promise.all(
    Array.from({ length: Number(clients) }, async () => {
      if (way === "ours") return new S3Client({ credentials: fromTaskRole() });
      const credentials = await getAWSCredentials();
      return guideS3Client(credentials);
    }),
  );
  for (let call = 0; call < Number(calls); call++) {
    await s3Clients[call % s3Clients.length]?.send(new GetBucketTaggingCommand({ Bucket: bucket }));
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${errorText(error)}\n`);
  process.exitCode = 1;
});
