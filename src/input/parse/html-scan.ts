/** One piece of markup in a raw HTML fragment: a tag, or a comment, doctype, CDATA section or processing instruction. */
export interface Markup {
  index: number;
  length: number;
  /** The tag's name as written; undefined for comments and the like. */
  name?: string;
  closing: boolean;
  /** The text between the name and the closing ">". */
  attributes: string;
}

const NAME = /\/?([A-Za-z][A-Za-z0-9:-]*)/y;

/**
 * The markup of a fragment, in order, as the sanitiser reads it: a tag runs
 * from "<name" to the first ">" outside quotes; one that never ends is text.
 *
 * Written as a scan rather than one regular expression because a regular
 * expression retries every "<" from scratch: a block of thousands of
 * unclosed tags or quotes made that quadratic. Here each position outside
 * quotes is read once (its outcome remembered), and each quote's closing
 * quote is looked for once, so the whole scan is linear.
 */
export function* markupIn(raw: string): Generator<Markup> {
  const ends = new Map<number, number>();
  const nextGt = lazyIndex(raw, ">");
  let from = 0;
  for (let index = raw.indexOf("<", from); index >= 0; index = raw.indexOf("<", from)) {
    const rest = raw.startsWith("<!--", index) ? "-->" : raw.startsWith("<![CDATA[", index) ? "]]>" : undefined;
    if (rest !== undefined) {
      // Unclosed comments and CDATA run to the end, as browsers read them.
      const end = raw.indexOf(rest, index + (rest === "-->" ? 4 : 9));
      const length = (end < 0 ? raw.length : end + rest.length) - index;
      yield { index, length, closing: false, attributes: "" };
      from = index + length;
      continue;
    }
    const next = raw[index + 1];
    if (next === "!" || next === "?") {
      const end = nextGt(index + 2);
      if (end >= 0) {
        yield { index, length: end + 1 - index, closing: false, attributes: "" };
        from = end + 1;
        continue;
      }
      from = index + 1;
      continue;
    }
    NAME.lastIndex = index + 1;
    const name = NAME.exec(raw);
    const end = name ? tagEnd(raw, NAME.lastIndex, ends) : -1;
    if (!name || end < 0) {
      from = index + 1;
      continue;
    }
    const attributesStart = NAME.lastIndex;
    yield { index, length: end + 1 - index, name: name[1] ?? "", closing: name[0].startsWith("/"), attributes: raw.slice(attributesStart, end) };
    from = end + 1;
  }
}

/** Where the tag whose attributes start at `from` ends (its ">"), or -1; positions outside quotes are remembered. */
function tagEnd(raw: string, from: number, ends: Map<number, number>): number {
  const visited: number[] = [];
  let result = -1;
  for (let index = from; index < raw.length; ) {
    const known = ends.get(index);
    if (known !== undefined) {
      result = known;
      break;
    }
    visited.push(index);
    const char = raw[index];
    if (char === ">") {
      result = index;
      break;
    }
    if (char === '"' || char === "'") {
      const close = raw.indexOf(char, index + 1);
      if (close < 0) break;
      index = close + 1;
    } else {
      index++;
    }
  }
  for (const index of visited) ends.set(index, result);
  return result;
}

/** `indexOf(text, from)` for rising `from`, reusing the last answer while it still holds. */
function lazyIndex(raw: string, text: string): (from: number) => number {
  let searchedFrom = Infinity;
  let found = -1;
  return (from) => {
    if (from >= searchedFrom && (found < 0 || from <= found)) return found;
    searchedFrom = from;
    found = raw.indexOf(text, from);
    return found;
  };
}
