import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { satisfies, validRange } from "semver";
import { parse } from "yaml";
import { AIRPLANE_YAML_NODE_VERSIONS, BUILDER_NODE_VERSIONS, DEFAULT_NODE_VERSION } from "./builderRules";
import type { Finding } from "./finding";

export interface DeployNodeVersion {
  /** The builder's version: "18" means the image node:18.12.0-bullseye and esbuild --target=node18. */
  version: string;
  /** Why the builder picks it, for the report. */
  reason: string;
}

const VERSION_RULE =
  "root package.json engines.node is matched against the builder's versions 18, 16, 15, 14, 12, highest first; " +
  "if none matches, airplane.yaml javascript.nodeVersion; else 18 (pkg/runtime/javascript/javascript.go Version, " +
  "pkg/build/types/types.go DefaultNodeVersion)";

/**
 * The Node version Airplane's builder runs the tasks on, picked as javascript.go `Version` does
 * for the task root (the repository root, through each task's `airplane.root`). The CLI checks
 * engines.node with Masterminds/semver; npm's semver reads the same ranges the same way here,
 * including "18" meaning 18.0.0 and pre-releases never matching a plain range.
 */
export function deployNodeVersion(root: string): DeployNodeVersion | Finding {
  const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { engines?: { node?: string } };
  const engines = packageJson.engines?.node;
  if (engines) {
    if (validRange(engines) === null) {
      return {
        file: "package.json",
        rule: VERSION_RULE,
        problem: `engines.node "${engines}" is not a semver range: the builder stops with "parsing node engine".`,
        fix: 'Write a range such as ">=20.19".',
      };
    }
    const match = BUILDER_NODE_VERSIONS.find((version) => satisfies(`${version}.0.0`, engines));
    if (match)
      return { version: match, reason: `package.json engines.node "${engines}" matches the builder's ${match}` };
  }
  const ignored = engines ? `engines.node "${engines}" matches none of the builder's versions, so ` : "";
  const configFile = join(root, "airplane.yaml");
  if (existsSync(configFile)) {
    const config = parse(readFileSync(configFile, "utf8")) as { javascript?: { nodeVersion?: unknown } } | null;
    const pinned = config?.javascript?.nodeVersion;
    if (pinned !== undefined) {
      if (typeof pinned !== "string" || !AIRPLANE_YAML_NODE_VERSIONS.includes(pinned)) {
        return {
          file: "airplane.yaml",
          rule: `${VERSION_RULE}; javascript.nodeVersion must be one of ${AIRPLANE_YAML_NODE_VERSIONS.join(", ")} (pkg/deploy/config/schema.json)`,
          problem: `javascript.nodeVersion ${JSON.stringify(pinned)} is not one the builder accepts.`,
          fix: 'Write nodeVersion: "18" (a quoted string).',
        };
      }
      return { version: pinned, reason: `${ignored}airplane.yaml javascript.nodeVersion "${pinned}"` };
    }
  }
  return { version: DEFAULT_NODE_VERSION, reason: `${ignored}the builder's default` };
}
