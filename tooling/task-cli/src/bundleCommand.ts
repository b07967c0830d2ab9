import { relative } from "node:path";
import { type CommandIO, parseCommandArgs, processIO, runCommand } from "@repo/cli-kit";
import { bundleTasks } from "./bundleTask";

const USAGE = `Usage: airplane-bundle [--minify]   (a task package's build script: npm run build)

Bundles the package's *.airplane.ts task files into dist/ the way airplane deploy does.
  --minify  minify the bundles
`;

/** `airplane-bundle [--minify]`, run as a task package's `build` script. */
export function bundleCommand(args: string[], io: CommandIO = processIO, packageDir = process.cwd()): Promise<number> {
  return runCommand(io, { usage: USAGE }, async () => {
    const { values } = parseCommandArgs(args, { minify: { type: "boolean" } });
    const results = await bundleTasks(packageDir, { minify: values.minify === true });
    if (results.length === 0) {
      io.stderr.write(`No *.airplane.ts task file in ${packageDir}.\n`);
      return 1;
    }
    for (const { entry, outfile, bytes } of results) {
      io.stderr.write(`${relative(packageDir, entry)} -> ${relative(packageDir, outfile)} (${bytes} bytes)\n`);
    }
    return 0;
  });
}
