import { spawn } from "node:child_process";

/**
 * How this machine reaches the network: extra CA certificates and proxies, for Node, OpenSSL and
 * npm (npm also reads its own `npm_config_*` settings from the environment). A child whose
 * environment is rebuilt from nothing still needs them, or npm fails behind a TLS-inspecting proxy
 * (`SELF_SIGNED_CERT_IN_CHAIN`). turbo.json passes the same list through to every task.
 */
export const NETWORK_VARIABLES = [
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "https_proxy",
  "http_proxy",
  "no_proxy",
  "npm_config_cafile",
  "npm_config_ca",
  "npm_config_proxy",
  "npm_config_https_proxy",
  "npm_config_noproxy",
  "npm_config_strict_ssl",
  "npm_config_registry",
  "NPM_CONFIG_CAFILE",
  "NPM_CONFIG_CA",
  "NPM_CONFIG_PROXY",
  "NPM_CONFIG_HTTPS_PROXY",
  "NPM_CONFIG_NOPROXY",
  "NPM_CONFIG_STRICT_SSL",
  "NPM_CONFIG_REGISTRY",
] as const;

/** The network variables of `env` that are set. */
export function networkEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(NETWORK_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

export interface NodeRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Runs a Node.js script in a process of its own whose environment is `env` plus PATH, HOME and the
 * network variables: what a task gets on Airplane (which passes HOME and PATH), and nothing else
 * from the caller's shell. `node` is this process's Node unless given (deploy-check runs the
 * builder's Node 18).
 */
export async function runNode(
  args: string[],
  { env, cwd, node = process.execPath }: { env: Record<string, string>; cwd?: string; node?: string },
): Promise<NodeRun> {
  const started = performance.now();
  const child = spawn(node, args, {
    ...(cwd ? { cwd } : {}),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...networkEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  return { exitCode, stdout, stderr, durationMs: performance.now() - started };
}
