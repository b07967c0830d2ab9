export type AuditOptionName =
  | "expectedSubject"
  | "teamId"
  | "envSlug"
  | "taskSlug"
  | "githubRepository"
  | "githubOwnerId"
  | "githubRepositoryId"
  | "audience";

/**
 * Options the audit cannot work with. `option` names the one at fault and `problem` says how to
 * write it, so that a command line can name its own flag instead.
 */
export class AuditOptionsError extends Error {
  override readonly name = "AuditOptionsError";
  readonly option: AuditOptionName;
  readonly problem: string;

  constructor(option: AuditOptionName, problem: string) {
    super(`${option}: ${problem}`);
    this.option = option;
    this.problem = problem;
  }
}
