import type { AwsIdentityProperties } from "@aws-sdk/types";

/** What an SDK client passes every credential provider it calls. */
export type CredentialProviderProperties = AwsIdentityProperties & { forceRefresh?: boolean };

export type CallerClientConfig = NonNullable<AwsIdentityProperties["callerClientConfig"]>;
