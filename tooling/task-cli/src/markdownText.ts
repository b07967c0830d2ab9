// GitHub renders a job summary as GitHub-flavoured Markdown with HTML allowed, so a value is
// escaped before it is written there. Written by hand: @actions/core's `summary` writes its cells
// and list items into HTML as they are (actions/toolkit packages/core/src/summary.ts), and no
// package escapes text for GFM tables.

// CommonMark: "any ASCII punctuation character may be backslash-escaped", and is then a literal,
// so no `<`, `&`, `` ` ``, `*`, `[`, `|` (a table's cell break) or `:` (an emoji) can start markup.
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * Text as Markdown that shows exactly that text, on one line: usable in a table cell, a list item
 * or a heading. A line break becomes `<br>`, the one tag written here.
 */
export function markdownText(text: string): string {
  return text
    .replace(ASCII_PUNCTUATION, (character) => `\\${character}`)
    .split(/\r\n|\r|\n/)
    .join("<br>");
}
