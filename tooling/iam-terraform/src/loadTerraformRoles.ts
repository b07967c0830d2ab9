import { normalizePolicy, type PolicyDocument, PolicyParseError } from "@repo/iam-policy";
import {
  readTerraformDir,
  rejectUnknownArguments,
  type TerraformBlock,
  type TerraformConfig,
  TerraformConfigError,
} from "./readTerraformDir";
import { renderPolicyDocument, string, stringList } from "./renderPolicyDocument";
import type { JsonValue } from "./terraformJson";
import { evaluateExpression } from "./terraformTemplate";

export interface LoadTerraformRolesOptions {
  /** The 12-digit account the ARNs are made in, e.g. the local stand-in's 123456789012. */
  accountId: string;
  /** Values for the folder's variables; the others take their defaults, as `terraform apply` would. */
  variables?: Record<string, unknown>;
}

/** An IAM OIDC identity provider, as the local stand-in's config takes it. */
export interface OidcProviderDefinition {
  url: string;
  clientIds: string[];
}

/** An IAM role, as the local stand-in's config takes it: the policies are plain IAM JSON documents. */
export interface RoleDefinition {
  name: string;
  /** Present only when the role sets one other than "/". */
  path?: string;
  description?: string;
  trustPolicy: PolicyDocument;
  permissionPolicies: PolicyDocument[];
  maxSessionDurationSeconds: number;
}

export interface TerraformRoles {
  accountId: string;
  oidcProviders: OidcProviderDefinition[];
  roles: RoleDefinition[];
}

// What the generator writes. Anything else that can grant or change permissions (a managed
// policy attachment, a permissions boundary) is refused rather than silently left out.
const MODELLED_RESOURCES = ["aws_iam_openid_connect_provider", "aws_iam_role", "aws_iam_role_policy"];
const MODELLED_DATA = ["aws_iam_policy_document"];
const ROLE_ARGUMENTS = ["name", "path", "description", "assume_role_policy", "max_session_duration", "tags"];
const PROVIDER_ARGUMENTS = ["url", "client_id_list", "thumbprint_list", "tags"];
const ROLE_POLICY_ARGUMENTS = ["name", "role", "policy"];
// IAM's default for a role that sets none.
const DEFAULT_MAX_SESSION_SECONDS = 3600;

/**
 * The roles and OIDC providers a folder of Terraform JSON declares, read from the files as
 * committed (not from the generator), with every `aws_iam_policy_document` turned into the JSON
 * policy IAM would store: variables take their defaults unless `options.variables` overrides
 * them, and resource attributes resolve as they would in `options.accountId`
 * (`arn:aws:iam::<account>:oidc-provider/api.airplane.dev`, `arn:aws:iam::<account>:role/<name>`).
 * Throws `TerraformConfigError` for what it does not model, naming the file and block.
 */
export function loadTerraformRoles(dir: string, options: LoadTerraformRolesOptions): TerraformRoles {
  if (!/^\d{12}$/.test(options.accountId)) {
    throw new TerraformConfigError(`accountId "${options.accountId}" is not a 12-digit AWS account ID.`);
  }
  const config = readTerraformDir(dir);
  rejectUnmodelled(config);
  for (const name of Object.keys(options.variables ?? {})) {
    if (!config.variables.has(name)) {
      throw new TerraformConfigError(
        `There is no variable ${name} to set; the folder declares ${names(config.variables)}.`,
      );
    }
  }
  const resolver = new ReferenceResolver(config, options);
  const roles = ofType(config.resources, "aws_iam_role").map(([name, block]) => resolver.role(name, block));
  for (const [name, block] of ofType(config.resources, "aws_iam_role_policy")) {
    const where = `${block.file}: aws_iam_role_policy.${name}`;
    rejectUnknownArguments(block.body, ROLE_POLICY_ARGUMENTS, where);
    const roleName = string(resolver.evaluate(block.body.role, `${where}.role`), `${where}.role`);
    const role = roles.find((candidate) => candidate.name === roleName);
    if (!role) throw new TerraformConfigError(`${where}: there is no role named ${roleName}.`);
    role.permissionPolicies.push(resolver.policyJson(block.body.policy, `${where}.policy`));
  }
  const oidcProviders = ofType(config.resources, "aws_iam_openid_connect_provider").map(([name, block]) =>
    resolver.provider(name, block),
  );
  return { accountId: options.accountId, oidcProviders, roles: roles.sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

/** Resolves the references of the generated files; one per load, so cycles are caught. */
class ReferenceResolver {
  private readonly resolving = new Set<string>();

  constructor(
    private readonly config: TerraformConfig,
    private readonly options: LoadTerraformRolesOptions,
  ) {}

  evaluate(value: JsonValue | undefined, where: string): unknown {
    if (value === undefined) throw new TerraformConfigError(`${where} is missing.`);
    return evaluateExpression(value, (reference) => this.resolve(reference));
  }

  role(name: string, { file, body }: TerraformBlock): RoleDefinition {
    const where = `${file}: aws_iam_role.${name}`;
    rejectUnknownArguments(body, ROLE_ARGUMENTS, where);
    const path = body.path === undefined ? "/" : string(this.evaluate(body.path, `${where}.path`), `${where}.path`);
    const description =
      body.description === undefined
        ? undefined
        : string(this.evaluate(body.description, where), `${where}.description`);
    const maxSession =
      body.max_session_duration === undefined ? DEFAULT_MAX_SESSION_SECONDS : body.max_session_duration;
    if (typeof maxSession !== "number")
      throw new TerraformConfigError(`${where}.max_session_duration must be a number.`);
    return {
      name: this.roleName(name),
      ...(path !== "/" ? { path } : {}),
      ...(description !== undefined ? { description } : {}),
      trustPolicy: this.policyJson(body.assume_role_policy, `${where}.assume_role_policy`),
      permissionPolicies: [],
      maxSessionDurationSeconds: maxSession,
    };
  }

  provider(name: string, { file, body }: TerraformBlock): OidcProviderDefinition {
    const where = `${file}: aws_iam_openid_connect_provider.${name}`;
    rejectUnknownArguments(body, PROVIDER_ARGUMENTS, where);
    return {
      url: string(this.evaluate(body.url, `${where}.url`), `${where}.url`),
      clientIds: stringList(this.evaluate(body.client_id_list, `${where}.client_id_list`), `${where}.client_id_list`),
    };
  }

  /** A policy argument (JSON text, usually a data source's `.json`), parsed and checked as IAM would. */
  policyJson(value: JsonValue | undefined, where: string): PolicyDocument {
    const text = string(this.evaluate(value, where), where);
    try {
      const document = JSON.parse(text) as PolicyDocument;
      normalizePolicy(document);
      return document;
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof PolicyParseError) {
        throw new TerraformConfigError(`${where} is not a policy IAM would accept: ${error.message}`);
      }
      throw error;
    }
  }

  private resolve(reference: string): unknown {
    if (this.resolving.has(reference)) throw new TerraformConfigError(`${reference} refers to itself.`);
    this.resolving.add(reference);
    try {
      return this.lookUp(reference);
    } finally {
      this.resolving.delete(reference);
    }
  }

  private lookUp(reference: string): unknown {
    const [first, second, third, fourth, ...rest] = reference.split(".");
    if (first === "var" && second && third === undefined) return this.variable(second);
    if (first === "data" && second === "aws_iam_policy_document" && third && rest.length === 0) {
      const block = this.block(this.config.data, `${second}.${third}`, reference);
      const document = renderPolicyDocument(
        block.body,
        (value) => this.evaluate(value, reference),
        `${block.file}: data.${second}.${third}`,
      );
      if (fourth === "json") return JSON.stringify(document, null, 2);
      if (fourth === "minified_json") return JSON.stringify(document);
    }
    if (first === "aws_iam_role" && second && fourth === undefined) {
      this.block(this.config.resources, `${first}.${second}`, reference);
      if (third === "name" || third === "id") return this.roleName(second);
      if (third === "arn")
        return `arn:aws:iam::${this.options.accountId}:role${this.rolePath(second)}${this.roleName(second)}`;
    }
    if (first === "aws_iam_openid_connect_provider" && second && fourth === undefined) {
      const { file, body } = this.block(this.config.resources, `${first}.${second}`, reference);
      const url = string(this.evaluate(body.url, `${file}: ${first}.${second}.url`), reference);
      if (third === "url") return url;
      // IAM names the provider after its URL without the scheme or a trailing slash.
      const host = url.replace(/^https:\/\//, "").replace(/\/+$/, "");
      if (third === "arn") return `arn:aws:iam::${this.options.accountId}:oidc-provider/${host}`;
    }
    throw new TerraformConfigError(
      `Cannot resolve ${reference}: this reader knows var.<name>, data.aws_iam_policy_document.<name>.json, ` +
        "aws_iam_role.<name>.{arn,name,id} and aws_iam_openid_connect_provider.<name>.{arn,url}.",
    );
  }

  private variable(name: string): unknown {
    const overrides = this.options.variables ?? {};
    if (Object.hasOwn(overrides, name)) return overrides[name];
    const block = this.block(this.config.variables, name, `var.${name}`);
    if (block.body.default === undefined) {
      throw new TerraformConfigError(`var.${name} (${block.file}) has no default: pass it in options.variables.`);
    }
    // Variable defaults are literal JSON in Terraform: no template is evaluated in them.
    return block.body.default;
  }

  private roleName(name: string): string {
    const { file, body } = this.block(this.config.resources, `aws_iam_role.${name}`, `aws_iam_role.${name}`);
    return string(this.evaluate(body.name, `${file}: aws_iam_role.${name}.name`), `aws_iam_role.${name}.name`);
  }

  private rolePath(name: string): string {
    const { file, body } = this.block(this.config.resources, `aws_iam_role.${name}`, `aws_iam_role.${name}`);
    return body.path === undefined ? "/" : string(this.evaluate(body.path, `${file}: aws_iam_role.${name}.path`), name);
  }

  private block(blocks: Map<string, TerraformBlock>, key: string, reference: string): TerraformBlock {
    const block = blocks.get(key);
    if (!block) throw new TerraformConfigError(`${reference} refers to ${key}, which no file declares.`);
    return block;
  }
}

function rejectUnmodelled(config: TerraformConfig): void {
  for (const [kind, blocks, modelled] of [
    ["resource", config.resources, MODELLED_RESOURCES],
    ["data", config.data, MODELLED_DATA],
  ] as const) {
    for (const [key, { file }] of blocks) {
      const type = key.split(".")[0] ?? "";
      if (!modelled.includes(type)) {
        throw new TerraformConfigError(
          `${file}: ${kind} ${key} is not modelled here (only ${modelled.join(", ")}): the roles read from this ` +
            "folder could differ from what Terraform creates.",
        );
      }
    }
  }
}

function ofType(blocks: Map<string, TerraformBlock>, type: string): [string, TerraformBlock][] {
  return [...blocks]
    .filter(([key]) => key.startsWith(`${type}.`))
    .map(([key, block]): [string, TerraformBlock] => [key.slice(type.length + 1), block]);
}

function names(blocks: Map<string, TerraformBlock>): string {
  return [...blocks.keys()].join(", ") || "none";
}
