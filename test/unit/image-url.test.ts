import { describe, expect, it } from "vitest";
import { pathOfRelativeUrl, relativeUrl } from "../../src/input/images/url.js";
import { parseMarkdown } from "../support/parse.js";

describe("image URLs", () => {
  it("encode every segment so that the URL names the file and nothing else", () => {
    expect(relativeUrl("media/maps & charts #1?.png")).toBe("media/maps%20%26%20charts%20%231%3F.png");
    expect(relativeUrl("media/it's (new)!.png")).toBe("media/it%27s%20%28new%29%21.png");
    for (const path of ["media/a b.png", "media/Qəbələ.png", "media/😀.png", "media/a%20b.png"]) expect(pathOfRelativeUrl(relativeUrl(path))).toBe(path);
  });

  // Found by the fuzz tests: a lone surrogate made encodeURIComponent throw and crashed the parser.
  it("a path with a lone surrogate is encoded (as U+FFFD), not a crash", () => {
    expect(relativeUrl("media/a\ud800b.png")).toBe("media/a%EF%BF%BDb.png");
    expect(relativeUrl("\udc00")).toBe("%EF%BF%BD");
    const parsed = parseMarkdown("---\ntitle: Fuzzed\ndate: 2026-01-08\n---\n\nLede.\n\n## A\n\n![](\ud8001)\n");
    expect(parsed.diagnostics.some((d) => d.severity === "error" && d.line === 10)).toBe(true);
  });
});
