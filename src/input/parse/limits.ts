/**
 * Bounds on what one line of a briefing may hold. Beyond them marked's
 * regular expressions and recursion blow the stack or take minutes (a 10 MB
 * line, 5,000 nested lists); no slide needs anything close to them.
 */

/**
 * Characters in one briefing: some twenty times a long one. Past it even
 * linear work on hostile text (every character a tag) takes many seconds.
 */
export const MAX_SOURCE_LENGTH = 500_000;
/** Characters in one line. A slide shows a few hundred. */
export const MAX_LINE_LENGTH = 100_000;
/** Lists and quotes opened on one line, counting two columns of indentation as one. */
export const MAX_NESTING = 64;
/**
 * Lines in a row with no blank line between them (outside code fences).
 * marked's table rules rescan the rest of a block for every line that could
 * start a table: hundreds of thousands of "|" and "|-|" lines took hours.
 */
export const MAX_BLOCK_LINES = 1000;

/** Why a whole briefing is not read, or undefined when it is within bounds. */
export function sourceLimitProblem(source: string): string | undefined {
  if (source.length <= MAX_SOURCE_LENGTH) return undefined;
  return `briefing is ${source.length} characters long, more than the ${MAX_SOURCE_LENGTH} briefdeck reads: split it into several briefings`;
}

/** Why a line cannot be read, or undefined when it is within bounds. `inCode`: inside a fenced code block. */
export function lineLimitProblem(text: string, inCode: boolean): string | undefined {
  if (text.length > MAX_LINE_LENGTH) {
    return `line is ${text.length} characters long, more than the ${MAX_LINE_LENGTH} briefdeck reads: break it into paragraphs or list items`;
  }
  if (inCode) return undefined;
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) {
    return `nesting too deep: lists or quotes open ${depth} levels deep here, more than ${MAX_NESTING}: flatten the list or quote`;
  }
  return undefined;
}

/** The line limits, and the block limit, which needs to remember the lines before. */
export class LineLimits {
  private run = 0;

  /** Why this line (the next of the file) cannot be read, or undefined. */
  problem(text: string, inCode: boolean): string | undefined {
    const problem = lineLimitProblem(text, inCode);
    this.run = inCode || problem !== undefined || text.trim() === "" ? 0 : this.run + 1;
    if (problem !== undefined || this.run <= MAX_BLOCK_LINES) return problem;
    this.run = 0;
    return `block of more than ${MAX_BLOCK_LINES} lines with no blank line between them: leave blank lines between paragraphs, lists and tables`;
  }
}

/**
 * How deep a line sits: its indentation (two columns a level, tabs as four)
 * plus the list markers and `>` it opens with. An estimate that errs high,
 * which is fine for a bound this far above real use.
 */
function nestingDepth(text: string): number {
  let index = 0;
  let columns = 0;
  for (; index < text.length; index++) {
    const char = text[index];
    if (char === " ") columns += 1;
    else if (char === "\t") columns += 4;
    else break;
  }
  let markers = 0;
  while (index < text.length) {
    const marker = markerLength(text, index);
    if (marker === 0) break;
    markers++;
    index += marker;
    while (index < text.length && (text[index] === " " || text[index] === "\t")) index++;
  }
  return markers + Math.floor(columns / 2);
}

/** Length of the list marker or `>` at `index`, or 0. */
function markerLength(text: string, index: number): number {
  const char = text[index] ?? "";
  if (char === ">") return 1;
  const followed = (length: number): number => {
    const next = text[index + length];
    return next === undefined || next === " " || next === "\t" ? length : 0;
  };
  if (char === "-" || char === "*" || char === "+") return followed(1);
  let digits = 0;
  while (digits < 10 && /[0-9]/.test(text[index + digits] ?? "")) digits++;
  if (digits === 0 || digits > 9) return 0;
  const punctuation = text[index + digits];
  return punctuation === "." || punctuation === ")" ? followed(digits + 1) : 0;
}

/**
 * Slides in one deck, after long sections are split to fit: more than anyone
 * presents. Measuring and printing grow with the deck, so this is what keeps a
 * briefing of ten thousand tiny sections from tying up the browser for minutes.
 */
export const MAX_SLIDES = 500;
/** Table cells in one briefing (header cells included): some twenty full slides of tables per hundred slides. */
export const MAX_TABLE_CELLS = 10_000;

/** Said at the slide that crosses the limit; `total`: how many slides the deck would have (at least). */
export function tooManySlides(total: number): string {
  return `too many slides: from here the deck has more than ${MAX_SLIDES} (at least ${total}), the most a deck may have: split the briefing into several, or shorten its sections`;
}

export function tooManyTableCells(): string {
  return `tables reach ${MAX_TABLE_CELLS} cells here, more than briefdeck lays out in one briefing: move the data to an appendix document and show a summary`;
}
