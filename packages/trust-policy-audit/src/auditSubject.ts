import { hasWildcard, type ConditionClause } from "@repo/iam-policy";
import type { ClaimClause } from "./claimConditions";
import { conditionSnippet, quoteList, recommendedCondition } from "./conditionText";
import type { FindingCode } from "./findingRules";
import { isComparison, isNegated, isStringComparison } from "./operatorKinds";
import type { Platform } from "./platforms";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";
import { statementFinding } from "./statementUnderAudit";
import { subjectBreadth } from "./subjectBreadth";
import { ANY, completeSubject, type ExpectedSubject, isIntendedValue } from "./subjectExpectation";
import { clauseAdmitsSubject, valueAdmitsSubject } from "./subjectMatching";
import type { SubjectParts } from "./subjectScheme";
import { findSubjectWitness } from "./subjectWitness";
import { suggestedSubjects } from "./suggestedSubjects";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/**
 * Who the sub conditions let in. A statement's conditions all have to hold, so a value is judged
 * by the subjects it admits that the statement's other sub conditions admit too.
 */
export function auditSubject(target: StatementUnderAudit, settings: AuditSettings): TrustPolicyFinding[] {
  const { platform } = target;
  const subClaims = target.conditions.claims.filter((claim) => claim.claim === "sub");
  const comparing = subClaims.filter((claim) => isComparison(claim.clause.operator));
  const pin = () => recommendedCondition(platform, settings.audience, suggestedSubjects(platform, target, settings));
  if (comparing.length === 0) return [unrestrictedSubject(target, subClaims, pin())];

  const statementAdmits = (subject: string) =>
    subClaims.every((claim) => clauseAdmitsSubject(claim.canonical, subject));
  const statementValues = subClaims.flatMap((claim) => claim.clause.values);
  return comparing
    .filter((claim) => isStringComparison(claim.clause.operator))
    .flatMap((claim) => {
      const verdicts = new Map<FindingCode, string[]>();
      for (const value of claim.clause.values) {
        const code = judgeValue(platform, claim.canonical, value, { statementAdmits, statementValues }, settings);
        if (code) verdicts.set(code, [...(verdicts.get(code) ?? []), value]);
      }
      return [...verdicts].map(([code, values]) =>
        statementFinding(
          code,
          target,
          describe(platform, code, values, claim.clause, settings, pin()),
          claim.clause,
          values,
        ),
      );
    });
}

function unrestrictedSubject(target: StatementUnderAudit, subClaims: ClaimClause[], pin: string): TrustPolicyFinding {
  const { platform } = target;
  const negated = subClaims.find((claim) => isNegated(claim.clause.operator));
  if (negated) {
    const { clause } = negated;
    return statementFinding(
      "sub-negated-only",
      target,
      {
        problem: `${clause.operator.name} admits every subject except ${quoteList(clause.values)}, so ${platform.words.everyone} can assume the role.`,
        fix: `Admit the intended subjects instead (keep the exclusion only as an extra condition): ${pin}.`,
      },
      clause,
    );
  }
  const presenceOnly = subClaims.length > 0;
  return statementFinding("sub-missing", target, {
    problem: presenceOnly
      ? `The conditions only test that ${platform.subKey} is present (Null), so ${platform.words.everyone} can assume the role.`
      : `No condition restricts ${platform.subKey}, so ${platform.words.everyone}${platform.words.everyoneNote} can assume the role.`,
    fix: `Pin the ${platform.words.run}'s subject: ${pin}.`,
  });
}

// Other patterns lend their pieces to find where two ANDed patterns meet; a few are plenty.
const MAX_LENDERS = 4;

/** The statement's sub conditions as a whole: all of them must hold. */
interface StatementSubjects {
  statementAdmits: (subject: string) => boolean;
  statementValues: readonly string[];
}

function judgeValue(
  platform: Platform,
  clause: ConditionClause,
  value: string,
  { statementAdmits, statementValues }: StatementSubjects,
  settings: AuditSettings,
): FindingCode | undefined {
  const scheme = platform.subjects;
  const expectation = settings.expectation[platform.id];
  // A wildcard under StringEquals is literal: auditClaimOperators reports it.
  if (clause.operator.base !== "StringLike" && hasWildcard(value)) return undefined;
  const valueAdmits = (subject: string) => valueAdmitsSubject(clause, value, subject);
  const lenders = statementValues.filter((other) => other !== value && hasWildcard(other)).slice(0, MAX_LENDERS);
  const witness = findSubjectWitness(
    scheme,
    value,
    (subject) => valueAdmits(subject) && statementAdmits(subject),
    expectation,
    lenders,
  );
  if (!witness) {
    // Another sub condition of the statement keeps this value's subjects out.
    if (findSubjectWitness(scheme, value, valueAdmits, expectation)) return undefined;
    const lower = value.toLowerCase();
    const caseOnly =
      scheme.lowercase &&
      lower !== value &&
      findSubjectWitness(scheme, lower, (subject) => valueAdmitsSubject(clause, lower, subject)) !== undefined;
    return caseOnly ? "sub-value-case" : scheme.notSubjectCode;
  }
  if (!meantFor(platform, expectation, witness, valueAdmits)) {
    // The repository's tokens carry its IDs, so a subject by name matches none of them.
    const { githubNameForm } = settings;
    if (
      platform.id === "github" &&
      githubNameForm.length > 0 &&
      meantFor(platform, githubNameForm, witness, valueAdmits)
    ) {
      return "sub-name-form";
    }
    const ignoringCase = (subject: string) => valueAdmitsSubject(clause, value.toLowerCase(), subject.toLowerCase());
    return meantFor(platform, expectation, witness, ignoringCase) ? "sub-value-case" : "sub-unexpected";
  }
  if (!hasWildcard(value)) return undefined;
  return subjectBreadth(
    scheme,
    witness,
    (subject) => valueAdmits(subject) && statementAdmits(subject),
    (level, candidate) => isIntendedValue(expectation, level, candidate),
  );
}

// A value is meant for the role when it admits at least one subject the caller named (levels the
// caller left open are taken from the value itself).
function meantFor(
  platform: Platform,
  expectation: readonly ExpectedSubject[],
  witness: SubjectParts,
  valueAdmits: (subject: string) => boolean,
): boolean {
  const named = expectation.filter((expected) =>
    platform.subjects.levels.some((level) => expected[level] !== undefined && expected[level] !== ANY),
  );
  return (
    named.length === 0 ||
    named.some((expected) => valueAdmits(platform.subjects.format(completeSubject(platform, expected, witness))))
  );
}

function describe(
  platform: Platform,
  code: FindingCode,
  values: readonly string[],
  clause: ConditionClause,
  settings: AuditSettings,
  pin: string,
): { problem: string; fix: string } {
  const quoted = quoteList(values);
  const pinIt = `Pin the subject: ${pin}.`;
  // IAM refuses a GitHub trust policy whose sub is "*", but reads only the first value of a list.
  const slipped =
    platform.id === "github" && clause.values[0] !== undefined && !values.includes(clause.values[0])
      ? " IAM's check of GitHub trust policies reads only the first value of a list, so it let this through."
      : "";
  switch (code) {
    case "sub-spans-teams":
      return {
        problem: `${quoted} does not pin the team, so the tasks of any Airplane team (other Airplane customers included) can assume the role.`,
        fix: pinIt,
      };
    case "sub-spans-owners":
      return {
        problem: `${quoted} does not pin the repository's owner, so jobs in repositories of other GitHub accounts (anyone's) can assume the role.${slipped}`,
        fix: pinIt,
      };
    case "sub-spans-repositories":
      return {
        problem: `${quoted} does not pin the repository, so jobs of the owner's other repositories, and of any repository created later, can assume the role.${slipped}`,
        fix: pinIt,
      };
    case "sub-spans-environments":
      return platform.id === "github"
        ? {
            problem: `${quoted} does not pin the environment, so any job of the repository, on any branch, pull request or environment (none of whose protection rules then apply), can assume the role.${slipped}`,
            fix: pinIt,
          }
        : {
            problem: `${quoted} does not pin the environment, so runs in any environment can assume the role, airplane dev's studio on any team member's machine included.`,
            fix: pinIt,
          };
    case "sub-spans-tasks":
      return {
        problem:
          platform.id === "github"
            ? `${quoted} admits every task's environment of the repository, tasks written later included, where a role usually serves one task.`
            : `${quoted} admits every task of the environment, tasks written later included, where a role usually serves one task.`,
        fix: `${pinIt} If the role really serves every task, say so (--task '*', or taskSlug: "*").`,
      };
    case "sub-task-pattern":
      return {
        problem: `${quoted} admits every task whose slug fits the pattern, including any task created later under such a slug.`,
        fix: `List the tasks' full subjects under StringEquals: ${pin}.`,
      };
    case "sub-unexpected":
      return {
        problem: `${quoted} admits none of the subjects the role is meant for (${describeExpectation(platform, settings.expectation[platform.id])}), so it lets in a ${platform.words.run} the role is not for.`,
        fix: `Write the intended subjects: ${pin}.`,
      };
    case "sub-name-form":
      return {
        problem: `${quoted} names the repository without its IDs, but its tokens carry them (${describeExpectation(platform, settings.expectation.github)}): no job matches this value, and a repository that takes the name later would.`,
        fix: `Write the immutable subject: ${pin}.`,
      };
    case "sub-value-case":
      if (!platform.subjects.lowercase) {
        return {
          problem: `${quoted} differs from the subject the role is meant for only in case, but IAM compares sub case-sensitively and ${platform.name} writes each name in the case it was given, so no token matches.`,
          fix: `Write it as ${platform.name} does: ${pin}.`,
        };
      }
      return {
        problem: `${quoted} is not how Airplane writes a subject: IAM compares sub case-sensitively and every part of it is lowercase, so no token matches.`,
        fix: `Write it in lowercase: ${conditionSnippet(
          clause.operator.name,
          platform.subKey,
          values.map((value) => value.toLowerCase()),
        )}.`,
      };
    default:
      return {
        problem:
          values.length === 1
            ? `${quoted} can never match the sub of ${platform.words.tokens}: ${platform.subjects.describeProblem(values[0] as string)}.`
            : `${quoted} can never match the sub of ${platform.words.tokens}, which is always ${platform.subjects.template}.`,
        fix: `Write the ${platform.words.run}'s full subject: ${pin}.`,
      };
  }
}

function describeExpectation(platform: Platform, expectation: readonly ExpectedSubject[]): string {
  const { subjects } = platform;
  return expectation
    .map((expected) =>
      subjects.format(
        Object.fromEntries(
          subjects.levels.map((level) => [level, expected[level] ?? (subjects.placeholders[level] as string)]),
        ),
      ),
    )
    .join(", ");
}
