import { describe, expect, it } from "vitest";
import {
  LineLimits,
  MAX_BLOCK_LINES,
  MAX_LINE_LENGTH,
  MAX_NESTING,
  MAX_SLIDES,
  MAX_SOURCE_LENGTH,
  MAX_TABLE_CELLS,
  lineLimitProblem,
  sourceLimitProblem,
  tooManySlides,
  tooManyTableCells,
} from "../../src/input/parse/limits.js";

/** A line that opens `depth` levels of nesting with the given marker. */
const nested = (depth: number, marker: string) => `${`${marker} `.repeat(depth)}x`;

describe("the bounds a briefing is read within", () => {
  it("are the documented values", () => {
    expect([MAX_SOURCE_LENGTH, MAX_LINE_LENGTH, MAX_NESTING, MAX_BLOCK_LINES, MAX_SLIDES, MAX_TABLE_CELLS]).toEqual([500_000, 100_000, 64, 1000, 500, 10_000]);
  });

  it("take a briefing of exactly the limit and refuse one character more, saying its length", () => {
    expect(sourceLimitProblem("a".repeat(MAX_SOURCE_LENGTH))).toBeUndefined();
    expect(sourceLimitProblem("a".repeat(MAX_SOURCE_LENGTH + 1))).toBe(
      "briefing is 500001 characters long, more than the 500000 briefdeck reads: split it into several briefings",
    );
  });

  it("take a line of exactly the limit and refuse a longer one, in code too", () => {
    expect(lineLimitProblem("a".repeat(MAX_LINE_LENGTH), false)).toBeUndefined();
    const said = "line is 100001 characters long, more than the 100000 briefdeck reads: break it into paragraphs or list items";
    expect(lineLimitProblem("a".repeat(MAX_LINE_LENGTH + 1), false)).toBe(said);
    expect(lineLimitProblem("a".repeat(MAX_LINE_LENGTH + 1), true)).toBe(said);
  });
});

describe("nesting", () => {
  it.each(["-", "*", "+", ">", "1.", "2)", "123456789."])("counts %s markers up to the limit and refuses one more", (marker) => {
    expect(lineLimitProblem(nested(MAX_NESTING, marker), false)).toBeUndefined();
    expect(lineLimitProblem(nested(MAX_NESTING + 1, marker), false)).toBe(
      "nesting too deep: lists or quotes open 65 levels deep here, more than 64: flatten the list or quote",
    );
  });

  it("is not checked inside code", () => {
    expect(lineLimitProblem(nested(MAX_NESTING + 1, "-"), true)).toBeUndefined();
  });

  it("counts two columns of indentation, or half a tab, as one level", () => {
    expect(lineLimitProblem(`${" ".repeat(2 * MAX_NESTING + 1)}x`, false)).toBeUndefined();
    expect(lineLimitProblem(`${" ".repeat(2 * MAX_NESTING + 2)}x`, false)).toMatch(/open 65 levels/);
    expect(lineLimitProblem(`${"\t".repeat(MAX_NESTING / 2)}x`, false)).toBeUndefined();
    expect(lineLimitProblem(`${"\t".repeat(MAX_NESTING / 2)} x`, false)).toBeUndefined();
    expect(lineLimitProblem(`${"\t".repeat(MAX_NESTING / 2)}  x`, false)).toMatch(/open 65 levels/);
    expect(lineLimitProblem(`${" ".repeat(2 * MAX_NESTING)}- x`, false)).toMatch(/open 65 levels/);
  });

  it("counts markers separated by tabs and runs of spaces, and a marker that ends the line", () => {
    expect(lineLimitProblem(`${"-\t".repeat(MAX_NESTING)}-`, false)).toMatch(/open 65 levels/);
    expect(lineLimitProblem(`${">   ".repeat(MAX_NESTING + 1)}`, false)).toMatch(/open 65 levels/);
    expect(lineLimitProblem(">".repeat(MAX_NESTING + 1), false)).toMatch(/open 65 levels/);
  });

  it("does not count what is not a marker", () => {
    for (const notMarker of ["-x ", "1x ", "1.x ", "1234567890. ", "a. ", "# ", "= "]) {
      expect(lineLimitProblem(notMarker.repeat(MAX_NESTING + 1), false), notMarker).toBeUndefined();
    }
    // Counting stops at the first word: markers after it are text.
    expect(lineLimitProblem(`x ${nested(MAX_NESTING + 1, "-")}`, false)).toBeUndefined();
  });
});

describe("blocks", () => {
  const feed = (limits: LineLimits, count: number, text = "line", inCode = false) =>
    Array.from({ length: count }, () => limits.problem(text, inCode)).filter((p) => p !== undefined);
  const BLOCK = "block of more than 1000 lines with no blank line between them: leave blank lines between paragraphs, lists and tables";

  it("take 1,000 lines in a row and refuse the next, once, then count afresh", () => {
    const limits = new LineLimits();
    expect(feed(limits, MAX_BLOCK_LINES)).toEqual([]);
    expect(limits.problem("line", false)).toBe(BLOCK);
    expect(feed(limits, MAX_BLOCK_LINES)).toEqual([]);
    expect(limits.problem("line", false)).toBe(BLOCK);
  });

  it("restart after a blank or white-space line, and do not count code", () => {
    for (const breaker of ["", "   ", "\t"]) {
      const limits = new LineLimits();
      feed(limits, MAX_BLOCK_LINES);
      expect(limits.problem(breaker, false)).toBeUndefined();
      expect(feed(limits, MAX_BLOCK_LINES)).toEqual([]);
    }
    const limits = new LineLimits();
    feed(limits, MAX_BLOCK_LINES);
    expect(feed(limits, 3 * MAX_BLOCK_LINES, "code", true)).toEqual([]);
    expect(feed(limits, MAX_BLOCK_LINES)).toEqual([]);
  });

  it("restart after a line refused for its own reason, which is said instead", () => {
    const limits = new LineLimits();
    feed(limits, MAX_BLOCK_LINES);
    expect(limits.problem(nested(MAX_NESTING + 1, "-"), false)).toMatch(/^nesting too deep/);
    expect(feed(limits, MAX_BLOCK_LINES)).toEqual([]);
  });
});

describe("deck-wide bounds", () => {
  it("say the limit and the count", () => {
    expect(tooManySlides(731)).toBe(
      "too many slides: from here the deck has more than 500 (at least 731), the most a deck may have: split the briefing into several, or shorten its sections",
    );
    expect(tooManyTableCells()).toBe(
      "tables reach 10000 cells here, more than briefdeck lays out in one briefing: move the data to an appendix document and show a summary",
    );
  });
});
