import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A JavaScript or TypeScript file, by its name. */
export const isSourceFile = (path: string): boolean => /\.(c|m)?[jt]sx?$/.test(path);
// import ... from "x", export ... from "x", import("x"), require("x"), import "x"
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
// Installed packages, build output and scratch folders (.work: bench's bundles): none is the repository's code.
const SKIPPED = new Set(["node_modules", "dist", ".turbo", ".airplane", ".work"]);

/** Every code file under a workspace's folder, its installed packages and build output aside. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(path);
    return entry.isFile() && isSourceFile(entry.name) ? [path] : [];
  });
}

/** What a code file imports, as written: `@scope/name/sub`, `name`, `./relative/path`. */
export function importSpecifiers(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(SPECIFIER)].flatMap((match) => (match[1] ? [match[1]] : []));
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  return specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
}
