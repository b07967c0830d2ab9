/** The services the stand-in serves, each on its own port; the keys of `LocalStack.urls`. */
export type ServiceName = "airplane" | "github" | "sts" | "s3" | "s3Control" | "iam" | "organizations";

export const SERVICE_NAMES: readonly ServiceName[] = [
  "airplane",
  "github",
  "sts",
  "s3",
  "s3Control",
  "iam",
  "organizations",
];
