export { startLocalStack, type LocalStack, type LocalStackOptions } from "./startLocalStack";
export type {
  AirplaneConfig,
  BucketConfig,
  GithubConfig,
  LocalStackConfig,
  OidcProviderConfig,
  RoleConfig,
} from "./config/stackConfig";
export {
  demoConfig,
  DEMO_ACCOUNT_ID,
  DEMO_BUCKET,
  DEMO_GITHUB,
  DEMO_ROLE_NAME,
  DEMO_TEAM_ID,
} from "./config/demoConfig";
export { loadConfigFile } from "./config/loadConfigFile";
export { validateConfig } from "./config/validateConfig";
export type { ResolvedConfig } from "./config/resolvedConfig";
export { ConfigError } from "./config/configError";
export { RESOLVE_LOCALHOST_PRELOAD, type LocalStackUrls } from "./env/awsEnv";
export type { RunOptions } from "./env/runEnv";
export type { GithubJobOptions } from "./github/githubJob";
export type { IdTokenOverrides } from "./oidc/idTokenOverrides";
export type { FaultSpec, InjectedFailure, InjectedFault } from "./faults/faultInjector";
export type { RequestLogEntry } from "./observability/requestLog";
export { SERVICE_NAMES, type ServiceName } from "./serviceName";
