import { findRepoRoot } from "@repo/task-cli";
import { deployCheck } from "./deployCheck";
import { formatFinding } from "./finding";

/** `npm run deploy-check`: simulates `airplane deploy` of this repository; exits 1 on any finding. */
export async function deployCheckCommand(): Promise<number> {
  const started = performance.now();
  const report = await deployCheck(findRepoRoot(), { log: (line) => process.stderr.write(`  ${line}\n`) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (report.findings.length > 0) {
    process.stderr.write(`\n${report.findings.map(formatFinding).join("\n\n")}\n\n`);
    process.stderr.write(
      `deploy-check: ${report.findings.length} problem(s) would break \`airplane deploy\` (${seconds} s).\n`,
    );
    return 1;
  }
  process.stderr.write(`deploy-check: \`airplane deploy\` would deploy and run these tasks (${seconds} s).\n`);
  return 0;
}
