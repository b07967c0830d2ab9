import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BUILDER_NODE_IMAGES } from "./builderRules";

/** The Node and npm of the builder's image, from the npm registry, found once and remembered. */
export interface BuilderToolchain {
  /** The builder's version ("18"). */
  version: string;
  /** Path of the `node` binary of the image's exact version. */
  node: string;
  /** Path of the image's npm CLI script, to run with `node`. */
  npmCli: string;
}

/**
 * The image's Node comes from the npm registry's `node` package and its npm from `npm`, both run
 * through `npx`, which keeps them in its cache; the resolved paths are remembered in `cacheDir`,
 * since asking npx again costs seconds.
 */
export function builderToolchain(cacheDir: string, version: string): BuilderToolchain {
  const image = BUILDER_NODE_IMAGES[version];
  if (!image?.npm) {
    throw new Error(
      `deploy-check simulates the builder's Node 18 image only, not ${version}: pin javascript.nodeVersion "18".`,
    );
  }
  return {
    version,
    node: remembered(cacheDir, `node-${image.node}`, () => npx(["-y", `node@${image.node}`, "-p", "process.execPath"])),
    npmCli: remembered(cacheDir, `npm-${image.npm}`, () =>
      realpathSync(npx(["-y", "-p", `npm@${image.npm}`, "-c", "command -v npm"])),
    ),
  };
}

function remembered(cacheDir: string, name: string, find: () => string): string {
  const file = join(cacheDir, `${name}.path`);
  if (existsSync(file)) {
    const path = readFileSync(file, "utf8");
    if (existsSync(path)) return path;
  }
  const path = find();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, path);
  return path;
}

function npx(args: string[]): string {
  try {
    return execFileSync("npx", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (error) {
    throw new Error(
      `Cannot get the builder's tools from the npm registry (npx ${args.join(" ")}): check the network or the npm registry settings.`,
      { cause: error },
    );
  }
}
