import { type CommandIO, parseCommandArgs, processIO, runCommand } from "@repo/cli-kit";
import { findRepoRoot } from "./workspace";
import { layerViolations } from "./workspaceLayers";

const USAGE = `Usage: npm run check-layers

Fails when code outside the tests imports a workspace of a layer above its own: packages/ (what
tasks deploy) imports only packages/; tasks/ only packages/; tooling/ packages/ and tooling/;
testing/ (what tests share) anything. Part of npm test.
`;

/** `npm run check-layers`: the import direction between the repository's top folders. */
export function checkLayersCommand(args: string[], io: CommandIO = processIO, root = findRepoRoot()): number {
  return runCommand(io, { usage: USAGE }, () => {
    parseCommandArgs(args, {});
    const violations = layerViolations(root);
    for (const violation of violations) io.stderr.write(`${violation.message}\n`);
    if (violations.length > 0) return 1;
    io.stdout.write("Layers: every import outside the tests runs down or across, none up.\n");
    return 0;
  });
}
