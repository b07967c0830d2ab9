import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

// Elements that repeat in the request bodies the stand-in reads; fast-xml-parser would otherwise
// give a lone one as an object and several as an array.
const REPEATED_ELEMENTS = new Set(["Tag"]);

const parser = new XMLParser({
  ignoreAttributes: true,
  // Tag values such as "007" or "true" stay strings, and surrounding spaces are kept: S3 keeps them.
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => REPEATED_ELEMENTS.has(name),
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_", suppressEmptyNode: false });

export type XmlElement = Record<string, unknown>;

/** The parsed document, or undefined when the text is not well-formed XML. */
export function parseXml(text: string): XmlElement | undefined {
  if (text.trim() === "" || XMLValidator.validate(text) !== true) return undefined;
  return parser.parse(text) as XmlElement;
}

/** An XML document with its declaration; `undefined` members are left out, text is escaped. */
export function buildXml(document: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(document)}`;
}

/** A child element read as text: a string, or "" for `<Value/>`; undefined when absent or not text. */
export function childText(element: unknown, name: string): string | undefined {
  if (typeof element !== "object" || element === null) return undefined;
  const value = (element as XmlElement)[name];
  return typeof value === "string" ? value : undefined;
}
