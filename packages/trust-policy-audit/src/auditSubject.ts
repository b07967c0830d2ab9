import { hasWildcard, type ConditionClause } from "@repo/iam-policy";
import { SUBJECT_CONDITION_KEY } from "@repo/oidc-issuers";
import {
  describeSubjectProblem,
  formatSubject,
  PLACEHOLDERS,
  SUBJECT_LEVELS,
  SUBJECT_TEMPLATE,
  type SubjectLevel,
  type SubjectParts,
} from "@repo/oidc-issuers";
import type { ClaimClause } from "./claimConditions";
import { conditionSnippet, quoteList, recommendedCondition } from "./conditionText";
import type { FindingCode } from "./findingRules";
import { isComparison, isNegated, isStringComparison } from "./operatorKinds";
import type { AuditSettings, StatementUnderAudit } from "./statementUnderAudit";
import { statementFinding } from "./statementUnderAudit";
import { subjectBreadth, type SubjectBreadth } from "./subjectBreadth";
import { ANY, completeSubject, meantForAny, type ExpectedSubject } from "./subjectExpectation";
import { clauseAdmitsSubject, valueAdmitsSubject } from "./subjectMatching";
import { findSubjectWitness } from "./subjectWitness";
import { suggestedSubjects } from "./suggestedSubjects";
import type { TrustPolicyFinding } from "./trustPolicyFinding";

/**
 * Who the sub conditions let in. A statement's conditions all have to hold, so a value is judged
 * by the subjects it admits that the statement's other sub conditions admit too.
 */
export function auditSubject(target: StatementUnderAudit, settings: AuditSettings): TrustPolicyFinding[] {
  const subClaims = target.conditions.claims.filter((claim) => claim.claim === "sub");
  const comparing = subClaims.filter((claim) => isComparison(claim.clause.operator));
  const pin = () => recommendedCondition(settings.audience, suggestedSubjects(target, settings));
  if (comparing.length === 0) return [unrestrictedSubject(target, subClaims, pin())];

  const statementAdmits = (subject: string) =>
    subClaims.every((claim) => clauseAdmitsSubject(claim.canonical, subject));
  const statementValues = subClaims.flatMap((claim) => claim.clause.values);
  return comparing
    .filter((claim) => isStringComparison(claim.clause.operator))
    .flatMap((claim) => {
      const verdicts = new Map<FindingCode, string[]>();
      for (const value of claim.clause.values) {
        const code = judgeValue(claim.canonical, value, { statementAdmits, statementValues }, settings.expectation);
        if (code) verdicts.set(code, [...(verdicts.get(code) ?? []), value]);
      }
      return [...verdicts].map(([code, values]) =>
        statementFinding(code, target, describe(code, values, claim.clause, settings, pin()), claim.clause, values),
      );
    });
}

function unrestrictedSubject(target: StatementUnderAudit, subClaims: ClaimClause[], pin: string): TrustPolicyFinding {
  const negated = subClaims.find((claim) => isNegated(claim.clause.operator));
  if (negated) {
    const { clause } = negated;
    return statementFinding(
      "sub-negated-only",
      target,
      {
        problem: `${clause.operator.name} admits every subject except ${quoteList(clause.values)}, so the tasks of every other Airplane team can assume the role.`,
        fix: `Admit the intended subjects instead (keep the exclusion only as an extra condition): ${pin}.`,
      },
      clause,
    );
  }
  const presenceOnly = subClaims.length > 0;
  return statementFinding("sub-missing", target, {
    problem: presenceOnly
      ? `The conditions only test that ${SUBJECT_CONDITION_KEY} is present (Null), so the tasks of every Airplane team can assume the role.`
      : `No condition restricts ${SUBJECT_CONDITION_KEY}, so the tasks of every Airplane team (any Airplane customer) can assume the role.`,
    fix: `Pin the task's subject: ${pin}.`,
  });
}

const BREADTH_CODES: Record<SubjectLevel, FindingCode> = {
  team: "sub-spans-teams",
  env: "sub-spans-environments",
  task: "sub-spans-tasks",
};

function breadthCode(breadth: SubjectBreadth): FindingCode {
  return breadth.level === "task" && !breadth.anyTask ? "sub-task-pattern" : BREADTH_CODES[breadth.level];
}

// Other patterns lend their pieces to find where two ANDed patterns meet; a few are plenty.
const MAX_LENDERS = 4;

/** The statement's sub conditions as a whole: all of them must hold. */
interface StatementSubjects {
  statementAdmits: (subject: string) => boolean;
  statementValues: readonly string[];
}

function judgeValue(
  clause: ConditionClause,
  value: string,
  { statementAdmits, statementValues }: StatementSubjects,
  expectation: readonly ExpectedSubject[],
): FindingCode | undefined {
  // A wildcard under StringEquals is literal: auditClaimOperators reports it.
  if (clause.operator.base !== "StringLike" && hasWildcard(value)) return undefined;
  const valueAdmits = (subject: string) => valueAdmitsSubject(clause, value, subject);
  const lenders = statementValues.filter((other) => other !== value && hasWildcard(other)).slice(0, MAX_LENDERS);
  const witness = findSubjectWitness(
    value,
    (subject) => valueAdmits(subject) && statementAdmits(subject),
    expectation,
    lenders,
  );
  if (!witness) {
    // Another sub condition of the statement keeps this value's subjects out.
    if (findSubjectWitness(value, valueAdmits, expectation)) return undefined;
    const lower = value.toLowerCase();
    const caseOnly =
      lower !== value &&
      findSubjectWitness(lower, (subject) => valueAdmitsSubject(clause, lower, subject)) !== undefined;
    return caseOnly ? "sub-value-case" : "sub-not-airplane-subject";
  }
  if (!meantFor(expectation, witness, valueAdmits)) return "sub-unexpected";
  if (!hasWildcard(value)) return undefined;
  const isIntended = (level: SubjectLevel, candidate: string) =>
    meantForAny(expectation, level) || expectation.some((expected) => expected[level] === candidate);
  const breadth = subjectBreadth(witness, (subject) => valueAdmits(subject) && statementAdmits(subject), isIntended);
  return breadth ? breadthCode(breadth) : undefined;
}

// A value is meant for the role when it admits at least one subject the caller named (levels the
// caller left open are taken from the value itself).
function meantFor(
  expectation: readonly ExpectedSubject[],
  witness: SubjectParts,
  valueAdmits: (subject: string) => boolean,
): boolean {
  const named = expectation.filter((expected) =>
    SUBJECT_LEVELS.some((level) => expected[level] !== undefined && expected[level] !== ANY),
  );
  return named.length === 0 || named.some((expected) => valueAdmits(formatSubject(completeSubject(expected, witness))));
}

function describe(
  code: FindingCode,
  values: readonly string[],
  clause: ConditionClause,
  settings: AuditSettings,
  pin: string,
): { problem: string; fix: string } {
  const quoted = quoteList(values);
  const pinIt = `Pin the subject: ${pin}.`;
  switch (code) {
    case "sub-spans-teams":
      return {
        problem: `${quoted} does not pin the team, so the tasks of any Airplane team (other Airplane customers included) can assume the role.`,
        fix: pinIt,
      };
    case "sub-spans-environments":
      return {
        problem: `${quoted} does not pin the environment, so runs in any environment can assume the role, airplane dev's studio on any team member's machine included.`,
        fix: pinIt,
      };
    case "sub-spans-tasks":
      return {
        problem: `${quoted} admits every task of the environment, tasks written later included, where a role usually serves one task.`,
        fix: `${pinIt} If the role really serves every task of the environment, say so (--task '*', or taskSlug: "*").`,
      };
    case "sub-task-pattern":
      return {
        problem: `${quoted} admits every task whose slug fits the pattern, including any task created later under such a slug.`,
        fix: `List the tasks' full subjects under StringEquals: ${pin}.`,
      };
    case "sub-unexpected":
      return {
        problem: `${quoted} admits none of the subjects the role is meant for (${describeExpectation(settings.expectation)}), so it lets in a task the role is not for.`,
        fix: `Write the intended subjects: ${pin}.`,
      };
    case "sub-value-case":
      return {
        problem: `${quoted} is not how Airplane writes a subject: IAM compares sub case-sensitively and every part of it is lowercase, so no token matches.`,
        fix: `Write it in lowercase: ${conditionSnippet(
          clause.operator.name,
          SUBJECT_CONDITION_KEY,
          values.map((value) => value.toLowerCase()),
        )}.`,
      };
    default:
      return {
        problem:
          values.length === 1
            ? `${quoted} can never match an Airplane token's sub: ${describeSubjectProblem(values[0] as string)}.`
            : `${quoted} can never match an Airplane token's sub, which is always ${SUBJECT_TEMPLATE}.`,
        fix: `Write the task's full subject: ${pin}.`,
      };
  }
}

function describeExpectation(expectation: readonly ExpectedSubject[]): string {
  return expectation
    .map((expected) =>
      formatSubject({ team: level(expected, "team"), env: level(expected, "env"), task: level(expected, "task") }),
    )
    .join(", ");
}

function level(expected: ExpectedSubject, name: SubjectLevel): string {
  return expected[name] ?? PLACEHOLDERS[name];
}
