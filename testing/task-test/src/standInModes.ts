/**
 * The two worlds the S3 tasks' end-to-end tests run in: AWS, where S3 Control writes one key, and
 * an S3-compatible store (MinIO, Ceph…) behind a host name, with no S3 Control, where tags are
 * written as a whole set with PutBucketTagging.
 */
export interface StandInMode {
  name: string;
  /** `startLocalStack`'s option. */
  s3Compatible: boolean;
  /** How a tag change is written there (`written_with` in a task's output). */
  writtenWith: "s3-control" | "put-bucket-tagging";
}

export const STAND_IN_MODES: readonly StandInMode[] = [
  { name: "AWS (S3 Control)", s3Compatible: false, writtenWith: "s3-control" },
  {
    name: "an S3-compatible store (no S3 Control, host name, path style)",
    s3Compatible: true,
    writtenWith: "put-bucket-tagging",
  },
];
