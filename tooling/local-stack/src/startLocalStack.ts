import { GITHUB_ISSUER } from "@repo/oidc-issuers";
import { airplaneService } from "./airplane/airplaneService";
import { OidcIssuer } from "./oidc/oidcIssuer";
import type { AirplaneRun } from "./airplane/airplaneRun";
import { roleArn } from "./config/awsNames";
import { demoConfig } from "./config/demoConfig";
import type { ResolvedConfig, ResolvedGithub } from "./config/resolvedConfig";
import type { BucketConfig, LocalStackConfig, RoleConfig } from "./config/stackConfig";
import { validateConfig } from "./config/validateConfig";
import { awsEnvironment, type LocalStackUrls } from "./env/awsEnv";
import { githubJobEnvironment } from "./env/githubJobEnv";
import { airplaneRunEnvironment, newRun, type RunOptions } from "./env/runEnv";
import { FaultInjector, type FaultSpec, type InjectedFault } from "./faults/faultInjector";
import { type GithubJob, type GithubJobOptions, newGithubJob } from "./github/githubJob";
import { githubService } from "./github/githubService";
import { type PipelineDependencies, servicePipeline } from "./http/servicePipeline";
import { type RunningServer, startServiceServer } from "./http/serviceServer";
import type { ServiceProtocol } from "./http/serviceTypes";
import { iamService } from "./iam/iamService";
import { organizationsService } from "./organizations/organizationsService";
import { RequestLog, type RequestLogEntry } from "./observability/requestLog";
import { s3Service } from "./s3/s3Service";
import { s3ControlService } from "./s3control/s3ControlService";
import type { ServiceName } from "./serviceName";
import { BucketStore } from "./state/bucketStore";
import { newS3RequestId, newUuidRequestId } from "./state/randomText";
import { SessionStore } from "./state/sessionStore";
import { TokenRegistry } from "./state/tokenRegistry";
import { stsService } from "./sts/stsService";

export interface LocalStackOptions {
  /** Default: `demoConfig()`. */
  config?: LocalStackConfig;
  /**
   * Credentials expire this many seconds after issue when that is sooner than DurationSeconds. The
   * AWS SDK renews credentials 5 minutes before expiry, so 302 makes it renew after 2 seconds.
   */
  credentialLifetimeSeconds?: number;
  /** Lifetime of the ID tokens the Airplane and GitHub stand-ins issue. Default: 300 seconds, GitHub's. */
  idTokenLifetimeSeconds?: number;
  /**
   * Play an S3-compatible store (MinIO, Ceph…) instead of AWS: S3 at a host name
   * (`http://s3.localhost:<port>`, path style only), and no S3 Control endpoint in the environment.
   */
  s3Compatible?: boolean;
}

/** A running stand-in. Every service listens on 127.0.0.1 and a port of its own. */
export interface LocalStack {
  readonly urls: LocalStackUrls;
  readonly accountId: string;
  /** The config's default region, handed out as AWS_REGION. */
  readonly region: string;
  /** The ARN of a role of the config (or of the name, if the config has no such role), in its account or another. */
  roleArn(roleName: string, accountId?: string): string;
  /** AWS_REGION, AWS_ENDPOINT_URL_{STS,S3,S3_CONTROL,IAM} and NODE_OPTIONS (the `*.localhost` preload). */
  awsEnv(): Record<string, string>;
  /** A new run: `awsEnv()`, Airplane's run variables with a new AIRPLANE_TOKEN, and AWS_ROLE_ARN. */
  runEnv(options: RunOptions): Record<string, string>;
  /**
   * A new GitHub Actions job of the config's `github` repository: `awsEnv()`, AWS_ROLE_ARN, the
   * runner's GITHUB_* variables and, with `id-token: write` (the default), ACTIONS_ID_TOKEN_REQUEST_URL
   * and a new ACTIONS_ID_TOKEN_REQUEST_TOKEN.
   */
  githubJobEnv(options: GithubJobOptions): Record<string, string>;
  /** The request log so far, in the order answered (`at` is each request's arrival); never a secret. */
  readonly requests: RequestLogEntry[];
  count(service: ServiceName, operation?: string): number;
  resetLog(): void;
  /** Adds latency to, or fails, the matching requests of a service. */
  inject(fault: FaultSpec): InjectedFault;
  clearFaults(): void;
  /** A bucket's current tags (S3 and S3 Control share them). */
  bucketTags(bucket: string): Record<string, string>;
  /**
   * Replaces the account's roles, as `terraform apply` of a changed folder would (a role kept keeps its
   * creation date; its policies are the new ones). The roles are checked as at start; on an error nothing
   * changes. Sessions already issued keep working until they expire, as in IAM.
   */
  replaceRoles(roles: RoleConfig[]): void;
  /** Every bucket as it is now, in the config's terms: what a later start may be seeded with. */
  buckets(): BucketConfig[];
  /**
   * Every secret handed out so far (AIRPLANE_TOKENs, ACTIONS_ID_TOKEN_REQUEST_TOKENs, ID tokens,
   * secret keys, session tokens), for tests that prove no output contains one.
   */
  issuedSecrets(): string[];
  stop(): Promise<void>;
}

const DEFAULT_ID_TOKEN_LIFETIME_SECONDS = 300;

function positiveSeconds(value: number | undefined, name: string): number | undefined {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new Error(`startLocalStack: ${name} must be a positive number of seconds, not ${value}.`);
  }
  return value;
}

interface Services {
  airplane: ServiceProtocol;
  github: ServiceProtocol;
  sts: ServiceProtocol;
  s3: ServiceProtocol;
  s3Control: ServiceProtocol;
  iam: ServiceProtocol;
  organizations: ServiceProtocol;
}

async function startServers(
  services: Services,
  pipeline: PipelineDependencies,
): Promise<Record<ServiceName, RunningServer>> {
  const entries = Object.entries(services) as Array<[ServiceName, ServiceProtocol]>;
  const started = await Promise.allSettled(
    entries.map(([name, protocol]) =>
      startServiceServer(
        servicePipeline(protocol, pipeline),
        name === "s3" || name === "s3Control" ? newS3RequestId : newUuidRequestId,
      ),
    ),
  );
  const servers: Partial<Record<ServiceName, RunningServer>> = {};
  const failures: unknown[] = [];
  started.forEach((result, index) => {
    const name = entries[index]?.[0];
    if (result.status === "rejected") failures.push(result.reason);
    else if (name) servers[name] = result.value;
  });
  if (failures.length > 0) {
    // One port could not be opened: close the others rather than leave them listening.
    await Promise.all(Object.values(servers).map((server) => server.close()));
    throw failures[0];
  }
  return servers as Record<ServiceName, RunningServer>;
}

function githubOf(config: ResolvedConfig): ResolvedGithub {
  if (!config.github) {
    throw new Error(
      'local-stack plays no GitHub repository: add "github": { "repository": "owner/repo", "ownerId": "…", ' +
        '"repositoryId": "…" } to the config (gh api repos/<owner>/<repo> --jq \'.owner.id, .id\').',
    );
  }
  return config.github;
}

/**
 * Starts the stand-in: Airplane's token API and OIDC documents, GitHub's ID token endpoint and OIDC documents, STS, S3, S3 Control, IAM and Organizations, each
 * on its own free port of 127.0.0.1, for the account, roles and buckets of `config`.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const now = () => new Date();
  const config: ResolvedConfig = validateConfig(options.config ?? demoConfig(), now());
  const credentialLifetimeSeconds = positiveSeconds(options.credentialLifetimeSeconds, "credentialLifetimeSeconds");
  const idTokenLifetimeSeconds =
    positiveSeconds(options.idTokenLifetimeSeconds, "idTokenLifetimeSeconds") ?? DEFAULT_ID_TOKEN_LIFETIME_SECONDS;

  const log = new RequestLog();
  const faults = new FaultInjector();
  const sessions = new SessionStore();
  const buckets = new BucketStore(config.buckets, now());
  const runs = new TokenRegistry<AirplaneRun>();
  const jobs = new TokenRegistry<GithubJob>();
  const airplaneIssuer = new OidcIssuer(config.airplane.issuer, idTokenLifetimeSeconds);
  const githubIssuer = new OidcIssuer(GITHUB_ISSUER, idTokenLifetimeSeconds);

  // The issuers' servers name themselves in their discovery documents, and STS fetches them: both
  // need the URLs, which exist once the servers listen (the functions run only when requests arrive).
  const servers: Record<ServiceName, RunningServer> = await startServers(
    {
      airplane: airplaneService({ runs, issuer: airplaneIssuer, now, baseUrl: () => servers.airplane.url }),
      github: githubService({
        jobs,
        issuer: githubIssuer,
        github: () => githubOf(config),
        now,
        baseUrl: () => servers.github.url,
      }),
      sts: stsService({
        config,
        sessions,
        now,
        ...(credentialLifetimeSeconds !== undefined ? { credentialLifetimeSeconds } : {}),
        // The stand-in plays the hosts of Airplane's and GitHub's issuers; any other provider URL is fetched as it is.
        discoveryBaseUrl: (provider) =>
          provider.url === airplaneIssuer.issuer
            ? servers.airplane.url
            : provider.url === githubIssuer.issuer
              ? servers.github.url
              : provider.url,
      }),
      s3: s3Service({ buckets, now, endpointHost: () => s3Host }),
      s3Control: s3ControlService({ buckets, now }),
      iam: iamService({ config, now }),
      organizations: organizationsService({ config, now }),
    },
    { log, faults, sessions, now },
  );

  // S3 Control still listens in S3-compatible mode, but nothing is told where.
  const s3Host = options.s3Compatible ? `s3.localhost:${servers.s3.port}` : `127.0.0.1:${servers.s3.port}`;
  const urls: LocalStackUrls = {
    airplane: servers.airplane.url,
    github: servers.github.url,
    sts: servers.sts.url,
    s3: `http://${s3Host}`,
    ...(options.s3Compatible ? {} : { s3Control: `http://localhost:${servers.s3Control.port}` }),
    iam: servers.iam.url,
    organizations: servers.organizations.url,
  };
  const roleArnOf = (name: string, accountId = config.accountId) =>
    config.roles.find((role) => role.accountId === accountId && role.name === name)?.arn ??
    roleArn(accountId, "/", name);
  const running = Object.values(servers);
  let githubRuns = 0;

  return {
    urls,
    accountId: config.accountId,
    region: config.region,
    roleArn: roleArnOf,
    awsEnv: () => awsEnvironment(urls, config.region),
    runEnv(runOptions: RunOptions) {
      const run = newRun(runOptions, config.airplane);
      const airplaneToken = runs.register(run);
      return {
        ...awsEnvironment(urls, config.region),
        ...airplaneRunEnvironment(run, urls.airplane, airplaneToken),
        AWS_ROLE_ARN: roleArnOf(runOptions.roleName ?? runOptions.taskSlug),
      };
    },
    githubJobEnv(jobOptions: GithubJobOptions) {
      const github = githubOf(config);
      const job = newGithubJob(jobOptions, ++githubRuns);
      const requestToken = jobOptions.idTokenPermission === false ? undefined : jobs.register(job);
      return {
        ...awsEnvironment(urls, config.region),
        AWS_ROLE_ARN: roleArnOf(jobOptions.roleName),
        ...githubJobEnvironment(job, github, urls.github, requestToken),
      };
    },
    get requests() {
      return log.snapshot();
    },
    count: (service, operation) => log.count(service, operation),
    resetLog: () => log.reset(),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    bucketTags(name: string) {
      const bucket = buckets.get(name);
      if (!bucket) throw new Error(`local-stack has no bucket "${name}".`);
      return Object.fromEntries(bucket.tags);
    },
    replaceRoles(roles: RoleConfig[]) {
      const input = options.config ?? demoConfig();
      const replaced = validateConfig({ ...input, roles, buckets: [] }, now()).roles.map((role) => ({
        ...role,
        createDate: config.roles.find((kept) => kept.arn === role.arn)?.createDate ?? role.createDate,
      }));
      // In place: the services look roles up in this list on every request.
      config.roles.splice(0, config.roles.length, ...replaced);
    },
    buckets: () =>
      buckets.list().map(({ name, accountId, region, tags, abac }) => ({
        name,
        ...(accountId !== config.accountId ? { accountId } : {}),
        region,
        tags: Object.fromEntries(tags),
        ...(abac ? { abac } : {}),
      })),
    issuedSecrets: () => [
      ...runs.tokens(),
      ...jobs.tokens(),
      ...airplaneIssuer.issued,
      ...githubIssuer.issued,
      ...sessions.secrets(),
    ],
    stop: async () => {
      await Promise.all(running.map((server) => server.close()));
    },
  };
}
