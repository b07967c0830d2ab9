import { relative } from "node:path";
import { bundleTasks } from "./bundleTask";

/** `airplane-bundle [--minify]`, run as a task package's `build` script. */
export async function bundleCommand(packageDir: string, args: string[]): Promise<number> {
  const results = await bundleTasks(packageDir, { minify: args.includes("--minify") });
  if (results.length === 0) {
    process.stderr.write(`No *.airplane.ts task file in ${packageDir}.\n`);
    return 1;
  }
  for (const { entry, outfile, bytes } of results) {
    process.stderr.write(`${relative(packageDir, entry)} -> ${relative(packageDir, outfile)} (${bytes} bytes)\n`);
  }
  return 0;
}
