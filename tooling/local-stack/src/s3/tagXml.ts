import { ServiceError } from "../http/serviceError";
import { childText, parseXml, type XmlElement } from "../protocol/xml";
import type { Tag } from "./tagRules";

const MALFORMED_XML = "The XML you provided was not well-formed or did not validate against our published schema";

export function malformedXml(): ServiceError {
  return new ServiceError("MalformedXML", 400, MALFORMED_XML);
}

function readTag(element: unknown): Tag {
  const key = childText(element, "Key");
  const value = childText(element, "Value");
  if (key === undefined || value === undefined) throw malformedXml();
  return { key, value };
}

/**
 * The tags of a request body: `<Tagging><TagSet><Tag>…` for S3, `<TagResourceRequest><Tags><Tag>…`
 * for S3 Control. Throws `MalformedXML` for a body that is not that shape.
 */
export function readTags(body: Buffer, root: string, list: string): Tag[] {
  const document = parseXml(body.toString("utf8"));
  const rootElement = document?.[root];
  if (typeof rootElement !== "object" || rootElement === null) throw malformedXml();
  const listElement = (rootElement as XmlElement)[list];
  // An empty list (`<TagSet/>`, or only whitespace inside) parses as a string: an empty set.
  if (typeof listElement === "string" && listElement.trim() === "") return [];
  if (typeof listElement !== "object" || listElement === null) throw malformedXml();
  const tags = (listElement as XmlElement).Tag;
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) throw malformedXml();
  return tags.map(readTag);
}

/** `{ Tag: [{ Key, Value }, …] }`, the tag list element of S3 and S3 Control replies. */
export function tagListElement(tags: ReadonlyMap<string, string>): XmlElement {
  return { Tag: [...tags].map(([Key, Value]) => ({ Key, Value })) };
}
