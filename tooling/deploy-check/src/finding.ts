/** One way the deploy would go wrong: the file at fault, the builder rule it breaks, and the fix. */
export interface Finding {
  /** Path relative to the repository root. */
  file: string;
  /** The builder's rule, with the CLI source file it comes from. */
  rule: string;
  problem: string;
  fix: string;
}

export function formatFinding({ file, rule, problem, fix }: Finding): string {
  return `${file}: ${problem}\n  rule: ${rule}\n  fix:  ${fix}`;
}

/** A stage that cannot go on (the install or the bundling failed): its findings say why. */
export class DeployCheckFailed extends Error {
  constructor(readonly findings: Finding[]) {
    super(findings.map(formatFinding).join("\n"));
    this.name = "DeployCheckFailed";
  }
}

export function isFinding(value: object): value is Finding {
  return "rule" in value && "problem" in value;
}
