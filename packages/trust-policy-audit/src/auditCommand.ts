import { PolicyParseError } from "@repo/iam-policy";
import { auditTrustPolicy, resolveAuditSettings, trustsAirplane, type AuditOptions } from "./auditTrustPolicy";
import { failsAudit } from "./failsAudit";
import { formatFindings } from "./formatFindings";
import { OPTION_FLAGS, parseAuditArgs, USAGE, UsageError } from "./parseAuditArgs";
import { InputError, readAuditInput, type AuditInput } from "./readAuditInput";
import { AuditOptionsError } from "./auditOptionsError";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

export interface CommandIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const processIO: CommandIO = { stdout: process.stdout, stderr: process.stderr };

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

/** The audit of one policy, as `--json` prints it. */
export interface AuditResult {
  source: string;
  roleName?: string;
  roleArn?: string;
  trustsAirplane: boolean;
  findings: TrustPolicyFinding[];
}

/**
 * `audit-trust-policy [options] <file.json>...`: audits every file and prints the findings, most
 * severe first. Returns 1 when a finding is critical or high, 2 when a file holds no readable
 * policy or the options are wrong (after auditing the files that could be read), 0 otherwise.
 */
export function auditCommand(args: string[], io: CommandIO = processIO): number {
  let command;
  try {
    command = parseAuditArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n\n${USAGE}`);
    return EXIT_UNREADABLE;
  }
  if (command.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  try {
    resolveAuditSettings(command.options);
  } catch (error) {
    if (!(error instanceof AuditOptionsError)) throw error;
    io.stderr.write(`${OPTION_FLAGS[error.option]}: ${error.problem}\n`);
    return EXIT_UNREADABLE;
  }
  const results: AuditResult[] = [];
  const errors: { source: string; message: string }[] = [];
  const fail = (source: string, message: string) => {
    errors.push({ source, message });
    io.stderr.write(`${message}\n`);
  };
  for (const file of command.files) {
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
        results.push(auditInput(input, command.options));
      } catch (error) {
        if (!(error instanceof PolicyParseError)) throw error;
        const where = input.roleName !== undefined ? `${file} (role ${input.roleName})` : file;
        fail(file, `${where}: not a trust policy IAM would accept: ${error.message}`);
      }
    }
  }
  io.stdout.write(command.json ? `${JSON.stringify({ results, errors }, null, 2)}\n` : textReport(results));
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
    trustsAirplane: trustsAirplane(input.document),
    findings: auditTrustPolicy(input.document, { ...options, ...role }),
  };
}

function textReport(results: readonly AuditResult[]): string {
  const blocks = results.map((result) => {
    const heading = `${result.source}${result.roleName !== undefined ? ` (role ${result.roleName})` : ""}:`;
    const body = result.trustsAirplane
      ? formatFindings(result.findings, { showRole: false })
      : "No statement lets api.airplane.dev tokens assume this role: nothing to audit.";
    return `${heading}\n${body}\n`;
  });
  if (results.length > 1) {
    const failing = results.filter((result) => failsAudit(result.findings)).length;
    blocks.push(`Audited ${results.length} policies: ${failing} with critical or high findings.\n`);
  }
  return blocks.join("\n");
}
