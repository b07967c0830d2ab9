import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { BUNDLED_ESM_PACKAGES } from "./builderRules";
import type { Finding } from "./finding";

const ESM_RULE =
  "the builder leaves every declared dependency external except its fixed list of ESM-only packages " +
  `(${BUNDLED_ESM_PACKAGES.join(", ")}: pkg/build/node/node_externals.go esmModules), and the CommonJS bundle ` +
  "require()s the others at run time: on Node 18, require() of an ES module fails with ERR_REQUIRE_ESM";

const INSTALL_RULE =
  "the builder installs with NODE_ENV=production, so only dependencies (not devDependencies) are there at run " +
  "time (pkg/build/node/node.go NodeBundle: ENV NODE_ENV=production before npm ci)";

interface PackageManifest {
  type?: string;
  main?: string;
  exports?: unknown;
}

/** The packages a CommonJS bundle leaves to `require()` at run time (esbuild writes `require("name")`). */
export function requiredPackages(bundleSource: string): string[] {
  const names = [...bundleSource.matchAll(/\brequire\("([^"./][^"]*)"\)/g)]
    .map(([, specifier]) => specifier!)
    .filter((specifier) => !specifier.startsWith("node:") && !builtinModules.includes(specifier.split("/")[0]!))
    .map((specifier) =>
      specifier
        .split("/")
        .slice(0, specifier.startsWith("@") ? 2 : 1)
        .join("/"),
    );
  return [...new Set(names)].sort();
}

/**
 * Whether Node 18's require() cannot load the package: an ES module package ("type": "module", or
 * an .mjs entry) that offers no CommonJS entry through a `require` condition or a .cjs file.
 */
export function isEsmOnly(manifest: PackageManifest): boolean {
  const targets: string[] = [];
  const conditions: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string") targets.push(value);
    else if (value && typeof value === "object") {
      for (const [key, nested] of Object.entries(value)) {
        conditions.push(key);
        collect(nested);
      }
    }
  };
  collect(manifest.exports ?? manifest.main ?? "index.js");
  if (conditions.includes("require") || targets.some((target) => target.endsWith(".cjs"))) return false;
  return manifest.type === "module" || targets.every((target) => target.endsWith(".mjs"));
}

/** Finds a package as Node would from `fromDir`: the nearest node_modules/<name> above it. */
function findPackage(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name, "package.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The bundle's run-time requires of the builder's externals that would fail on the deploy Node:
 * a package the production install does not have, or an ESM-only one. Checked on the bundle's
 * text, so a require() that runs only later (a lazily loaded client) is caught too, not only
 * those that run at load. Requires of undeclared packages are left out: esbuild either bundled
 * them or, inside a try (node-fetch's optional `encoding`), left them to fail softly.
 */
export function externalImportFindings(taskFile: string, bundle: string, externals: string[]): Finding[] {
  const source = readFileSync(bundle, "utf8");
  const required = requiredPackages(source).filter((name) => externals.includes(name));
  return required.flatMap((name): Finding[] => {
    const manifest = findPackage(dirname(bundle), name);
    if (!manifest) {
      return [
        {
          file: taskFile,
          rule: INSTALL_RULE,
          problem: `its bundle requires ${name} at run time, which the production install does not have.`,
          fix: `Move ${name} to the "dependencies" of the task's package.json (or of the workspace package that imports it).`,
        },
      ];
    }
    if (!isEsmOnly(JSON.parse(readFileSync(manifest, "utf8")) as PackageManifest)) return [];
    return [
      {
        file: taskFile,
        rule: ESM_RULE,
        problem: `imports ${name}, an ESM-only package the builder leaves external: the task fails with ERR_REQUIRE_ESM.`,
        fix: `Use a CommonJS package, or one the builder bundles (${BUNDLED_ESM_PACKAGES.join(", ")}), instead of ${name}.`,
      },
    ];
  });
}
