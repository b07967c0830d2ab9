import { type CommandIO, parseCommandArgs, processIO, runCommand } from "@repo/cli-kit";
import { findRepoRoot } from "@repo/task-cli";
import { deployCheck } from "./deployCheck";
import { formatFinding } from "./finding";

const USAGE = `Usage: npm run deploy-check

Simulates airplane deploy of this repository from the Airplane CLI's source (discovery, upload,
install, bundling, the deploy Node version) and runs every bundle on the deploy Node. Exits 1 on
any finding that would break the deploy.
`;

/** `npm run deploy-check`: simulates `airplane deploy` of this repository; exits 1 on any finding. */
export function deployCheckCommand(args: string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, { usage: USAGE }, async () => {
    parseCommandArgs(args, {});
    const started = performance.now();
    const report = await deployCheck(findRepoRoot(), { log: (line) => io.stderr.write(`  ${line}\n`) });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (report.findings.length > 0) {
      io.stderr.write(`\n${report.findings.map(formatFinding).join("\n\n")}\n\n`);
      io.stderr.write(
        `deploy-check: ${report.findings.length} problem(s) would break \`airplane deploy\` (${seconds} s).\n`,
      );
      return 1;
    }
    io.stderr.write(`deploy-check: \`airplane deploy\` would deploy and run these tasks (${seconds} s).\n`);
    return 0;
  });
}
