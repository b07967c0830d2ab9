/**
 * The rules of `airplane deploy` that deploy-check simulates, copied from the Airplane CLI's source
 * (github.com/airplanedev/cli; its public fork nagyist/airplanedev.cli, last commit 0e3ee44a, May
 * 2023). Each constant names the file it comes from, so a rule can be checked against its source.
 */

/** Directories discovery never enters: pkg/deploy/discover/discover.go `IgnoredDirectories`. */
export const DISCOVERY_SKIPPED_DIRECTORIES = ["node_modules", "__pycache__", ".git", ".airplane", ".airplane-view"];

/**
 * Files discovery turns into tasks or views: pkg/deploy/utils/entities.go (inline entities) and
 * pkg/definitions/definitions.go (`TaskDefExtensions`, definition files).
 */
export const ENTITY_FILE_SUFFIXES = [
  ".airplane.ts",
  ".airplane.js",
  ".airplane.tsx",
  ".airplane.jsx",
  ".view.tsx",
  ".view.jsx",
  "_airplane.py",
  ".task.yaml",
  ".task.yml",
  ".task.json",
];

/**
 * What the upload always leaves out, before the root `.airplaneignore` (gitignore syntax) adds its
 * own lines: pkg/build/ignore/ignore.go `Patterns`.
 */
export const UPLOAD_DEFAULT_EXCLUDES = [
  ".env.local",
  ".env.*.local",
  "*.pyc",
  ".git",
  ".gitmodules",
  ".hg",
  ".idea",
  ".next",
  ".now",
  ".npm",
  ".svn",
  ".*.swp",
  ".terraform",
  ".venv",
  ".vercel",
  "/.yarn",
  "!/.yarn/patches",
  "!/.yarn/plugins",
  "!/.yarn/releases",
  "!/.yarn/versions",
  "__pycache__",
  "node_modules",
  "npm-debug.log",
  ".airplane",
  ".airplane-view",
];

/**
 * The only dependencies the builder bundles instead of leaving external, so that esbuild turns
 * their ESM into CommonJS: pkg/build/node/node_externals.go `esmModules`. Any other ESM-only
 * package a task imports is `require()`d at run time and fails with ERR_REQUIRE_ESM.
 */
export const BUNDLED_ESM_PACKAGES = [
  "node-fetch",
  "fetch-blob",
  "airplane",
  "@airplane/workflow-runtime",
  "@airplane/views",
  "lodash-es",
  "p-limit",
  "p-retry",
  "humanize-string",
];

/** Added to the externals by the builder itself: pkg/build/node/node.go `NodeBundle`, esbuild.js. */
export const BUILDER_EXTRA_EXTERNALS = ["@temporalio", "@swc"];

/**
 * The Node versions the builder knows, highest first as javascript.go tries them: the keys of
 * pkg/build/versions/versions.json, sorted as strings in descending order.
 */
export const BUILDER_NODE_VERSIONS = ["18", "16", "15", "14", "12"];

/**
 * The image of each (pkg/build/versions/versions.json: `node:18.12.0-bullseye` and so on), with
 * the npm that image ships, which runs the install. Only 18's npm is recorded: the one simulated.
 */
export const BUILDER_NODE_IMAGES: Record<string, { node: string; npm?: string }> = {
  "18": { node: "18.12.0", npm: "8.19.2" },
  "16": { node: "16.18.0" },
  "15": { node: "15.14.0" },
  "14": { node: "14.20.1" },
  "12": { node: "12.22.12" },
};

/** The version used when neither engines.node nor airplane.yaml picks one: pkg/build/types/types.go. */
export const DEFAULT_NODE_VERSION = "18";

/** `javascript.nodeVersion` values airplane.yaml accepts: pkg/deploy/config/schema.json. */
export const AIRPLANE_YAML_NODE_VERSIONS = ["14", "16", "18"];
