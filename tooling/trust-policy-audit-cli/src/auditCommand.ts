import { type CommandIO, processIO, runCommand, UsageError } from "@repo/cli-kit";
import {
  auditTrustPolicy,
  AuditOptionsError,
  PolicyParseError,
  platformsTrusted,
  resolveAuditSettings,
  type AuditOptions,
  type PlatformId,
  type TrustPolicyFinding,
} from "@repo/trust-policy-audit";
import { failsAudit } from "./failsAudit";
import { formatFindings } from "./formatFindings";
import { OPTION_FLAGS, parseAuditArgs, USAGE } from "./parseAuditArgs";
import { InputError, readAuditInput, type AuditInput } from "./readAuditInput";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

/** The audit of one policy, as `--json` prints it. */
export interface AuditResult {
  source: string;
  roleName?: string;
  roleArn?: string;
  /** The platforms whose tokens a statement lets in: the policy was audited for these. */
  platforms: PlatformId[];
  findings: TrustPolicyFinding[];
}

/**
 * `audit-trust-policy [options] <file.json>...`: audits every file and prints the findings, most
 * severe first. Returns 1 when a finding is critical or high, 2 when a file holds no readable
 * policy or the options are wrong (after auditing the files that could be read), 0 otherwise.
 */
export function auditCommand(args: string[], io: CommandIO = processIO): number {
  return runCommand(io, { usage: USAGE, usageExitCode: EXIT_UNREADABLE }, () => {
    const command = parseAuditArgs(args);
    try {
      resolveAuditSettings(command.options);
    } catch (error) {
      if (!(error instanceof AuditOptionsError)) throw error;
      // The library names its option; the command line names the flag that sets it.
      throw new UsageError(`${OPTION_FLAGS[error.option]}: ${error.problem}`, { cause: error });
    }
    return auditFiles(command.files, command.options, command.json, io);
  });
}

function auditFiles(files: string[], options: AuditOptions, json: boolean, io: CommandIO): number {
  const results: AuditResult[] = [];
  const errors: { source: string; message: string }[] = [];
  const fail = (source: string, message: string) => {
    errors.push({ source, message });
    io.stderr.write(`${message}\n`);
  };
  for (const file of files) {
    let inputs: AuditInput[];
    try {
      inputs = readAuditInput(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      fail(file, error.message);
      continue;
    }
    for (const input of inputs) {
      try {
        results.push(auditInput(input, options));
      } catch (error) {
        if (!(error instanceof PolicyParseError)) throw error;
        const where = input.roleName !== undefined ? `${file} (role ${input.roleName})` : file;
        fail(file, `${where}: not a trust policy IAM would accept: ${error.message}`);
      }
    }
  }
  io.stdout.write(json ? `${JSON.stringify({ results, errors }, null, 2)}\n` : textReport(results));
  if (errors.length > 0) return EXIT_UNREADABLE;
  return results.some((result) => failsAudit(result.findings)) ? EXIT_FINDINGS : EXIT_OK;
}

function auditInput(input: AuditInput, options: AuditOptions): AuditResult {
  const role = {
    ...(input.roleName !== undefined ? { roleName: input.roleName } : {}),
    ...(input.roleArn !== undefined ? { roleArn: input.roleArn } : {}),
  };
  return {
    source: input.source,
    ...role,
    platforms: platformsTrusted(input.document),
    findings: auditTrustPolicy(input.document, { ...options, ...role }),
  };
}

function textReport(results: readonly AuditResult[]): string {
  const blocks = results.map((result) => {
    const heading = `${result.source}${result.roleName !== undefined ? ` (role ${result.roleName})` : ""}:`;
    const body =
      result.platforms.length > 0
        ? formatFindings(result.findings, { showRole: false })
        : "No statement lets Airplane's or GitHub Actions' tokens assume this role: nothing to audit.";
    return `${heading}\n${body}\n`;
  });
  if (results.length > 1) {
    const failing = results.filter((result) => failsAudit(result.findings)).length;
    blocks.push(`Audited ${results.length} policies: ${failing} with critical or high findings.\n`);
  }
  return blocks.join("\n");
}
