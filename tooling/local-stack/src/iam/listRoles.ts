import { authorizeAction } from "../authz/authorizeAction";
import type { ResolvedConfig } from "../config/resolvedConfig";
import type { Session } from "../state/sessionStore";
import type { XmlElement } from "../protocol/xml";
import { validationError } from "./iamValidation";
import { roleElement } from "./roleElement";

const DEFAULT_MAX_ITEMS = 100;
const MAX_MAX_ITEMS = 1000;
const PATH_PREFIX = /^\/[\x21-\x7f]*$/;

// The Marker is opaque to clients; here it is the name of the last role returned, base64url-encoded.
const encodeMarker = (name: string) => Buffer.from(name, "utf8").toString("base64url");
const decodeMarker = (marker: string) => Buffer.from(marker, "base64url").toString("utf8");

function maxItems(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_MAX_ITEMS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw validationError(raw, "maxItems", "Member must have value greater than or equal to 1");
  }
  if (value > MAX_MAX_ITEMS) {
    throw validationError(raw, "maxItems", `Member must have value less than or equal to ${MAX_MAX_ITEMS}`);
  }
  return value;
}

/**
 * IAM ListRoles (needs `iam:ListRoles`): the roles whose path starts with `PathPrefix`, ordered by
 * name, at most `MaxItems` (default 100) a page; `IsTruncated` and `Marker` lead to the next page.
 */
export function listRoles(
  parameters: Record<string, string>,
  caller: Session,
  config: ResolvedConfig,
  now: Date,
): XmlElement {
  const pathPrefix = parameters.PathPrefix ?? "/";
  if (!PATH_PREFIX.test(pathPrefix)) {
    throw validationError(
      pathPrefix,
      "pathPrefix",
      "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*",
    );
  }
  const limit = maxItems(parameters.MaxItems);
  authorizeAction(
    caller,
    { action: "iam:ListRoles", resource: `arn:aws:iam::${caller.accountId}:role${pathPrefix}` },
    now,
  );
  const marker = parameters.Marker;
  const after = marker === undefined ? undefined : decodeMarker(marker);
  if (marker !== undefined && (after === "" || encodeMarker(after ?? "") !== marker)) {
    throw validationError(marker, "marker", "Member must be a Marker returned by a previous ListRoles call");
  }

  const matching = config.roles
    .filter((role) => role.accountId === caller.accountId)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((role) => role.path.startsWith(pathPrefix))
    .filter((role) => after === undefined || role.name > after);
  const page = matching.slice(0, limit);
  const truncated = matching.length > page.length;
  const last = page.at(-1);
  return {
    IsTruncated: truncated,
    ...(truncated && last ? { Marker: encodeMarker(last.name) } : {}),
    Roles: { member: page.map(roleElement) },
  };
}
