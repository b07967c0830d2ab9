import {
  AIRPLANE_ISSUER,
  AIRPLANE_PROVIDER_ARN,
  AIRPLANE_PROVIDER_HOST,
  AUDIENCE_CONDITION_KEY,
  GITHUB_AUDIENCE_CONDITION_KEY,
  GITHUB_CLAIM_KEYS,
  GITHUB_ISSUER,
  GITHUB_PROVIDER_ARN,
  GITHUB_PROVIDER_HOST,
  GITHUB_SUBJECT_CONDITION_KEY,
  githubConditionKey,
  SUBJECT_CONDITION_KEY,
} from "@repo/oidc-issuers";
import { AIRPLANE_SUBJECTS } from "./airplaneSubjects";
import { GITHUB_SUBJECTS } from "./githubSubjects";
import type { SubjectScheme } from "./subjectScheme";

export type PlatformId = "airplane" | "github";

/** A platform whose ID tokens assume task roles: its provider in IAM, its keys, its subjects, its words. */
export interface Platform {
  id: PlatformId;
  /** "Airplane" or "GitHub", the issuer of the tokens, for messages. */
  name: string;
  /** The tokens' `iss`: the URL of the provider in IAM. */
  issuer: string;
  /** The IAM provider's name and the prefix of its condition keys, e.g. `api.airplane.dev`. */
  host: string;
  /** The provider's ARN in any account and partition. */
  providerArn: RegExp;
  /** Text every near miss of the provider's name contains (`airplane.dev` in `oidc-provider/airplane.dev`). */
  domain: string;
  subKey: string;
  audKey: string;
  /** The provider's other keys IAM sets (GitHub's claims since 2026): a condition on one restricts for real. */
  otherKeys: readonly string[];
  subjects: SubjectScheme;
  words: {
    /** "Airplane's tokens" */
    tokens: string;
    /** "task" or "job": what runs with a token. */
    run: string;
    runs: string;
    /** Who a sub that pins nothing lets in. */
    everyone: string;
    /** Who they are, said once where it matters most. */
    everyoneNote: string;
    /** Where the tasks ask for the audience. */
    audienceAsked: string;
  };
}

export const AIRPLANE: Platform = {
  id: "airplane",
  name: "Airplane",
  issuer: AIRPLANE_ISSUER,
  host: AIRPLANE_PROVIDER_HOST,
  providerArn: AIRPLANE_PROVIDER_ARN,
  domain: "airplane.dev",
  subKey: SUBJECT_CONDITION_KEY,
  audKey: AUDIENCE_CONDITION_KEY,
  otherKeys: [],
  subjects: AIRPLANE_SUBJECTS,
  words: {
    tokens: "Airplane's tokens",
    run: "task",
    runs: "tasks",
    everyone: "the tasks of every Airplane team",
    everyoneNote: " (any Airplane customer)",
    audienceAsked: "the audience the tasks pass to airplane.auth.idToken()",
  },
};

export const GITHUB: Platform = {
  id: "github",
  name: "GitHub",
  issuer: GITHUB_ISSUER,
  host: GITHUB_PROVIDER_HOST,
  providerArn: GITHUB_PROVIDER_ARN,
  domain: "githubusercontent.com",
  subKey: GITHUB_SUBJECT_CONDITION_KEY,
  audKey: GITHUB_AUDIENCE_CONDITION_KEY,
  otherKeys: GITHUB_CLAIM_KEYS.map(githubConditionKey),
  subjects: GITHUB_SUBJECTS,
  words: {
    tokens: "GitHub's tokens",
    run: "job",
    runs: "jobs",
    everyone: "the jobs of every GitHub repository",
    everyoneNote: " (anyone's)",
    audienceAsked: "the audience the jobs ask GitHub for (ACTIONS_ID_TOKEN_REQUEST_URL&audience=)",
  },
};

/** In the order the audit reports them when a statement is ambiguous. */
export const PLATFORMS: readonly Platform[] = [AIRPLANE, GITHUB];
