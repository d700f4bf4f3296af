import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTemplates } from "../src/render/templates.js";
import { buildSlides } from "../src/render/slides.js";
import { renderHandout } from "../src/exporters/handout/render-handout.js";
import { runCli, temporaryFolder } from "./support/files.js";
import { parseMarkdown } from "./support/parse.js";

const root = temporaryFolder();
const content = join(root.path, "content");

/** A briefing of five slides (title and four sections) with private notes and handout text on its first section. */
function briefing(mode: string): string {
  return `---
title: Handout ${mode}
date: 2026-01-08
handout-notes: ${mode}
---

## Opening

The first section.

::: notes
PRIVATE SPEAKER LINE for the room only.
:::

::: handout
CIRCULATE THIS LINE with the handout.
:::

## Second

Text.

## Third

Text.

## Fourth

Text.
`;
}

const MODES = ["speaker", "handout", "none"] as const;

function pages(pdf: string): string[] {
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
  return Array.from({ length: count }, (_, index) =>
    execFileSync("pdftotext", ["-f", String(index + 1), "-l", String(index + 1), pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " "),
  );
}

const handoutOf = (out: string, mode: string): string[] => pages(join(out, `hb-${mode}`, `hb-${mode}-handout.pdf`));

beforeAll(async () => {
  mkdirSync(content, { recursive: true });
  for (const mode of MODES) writeFileSync(join(content, `hb-${mode}.md`), briefing(mode));
  for (const [out, extra] of [["one", []], ["two", ["--handout-layout", "2"]], ["three", ["--handout-layout", "3", "--no-handout-lines"]]] as const) {
    const result = await runCli(["build", "--quiet", "--handout", ...extra, "--content", content, "--out", join(root.path, out)]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  }
}, 300_000);
afterAll(() => root.remove());

describe("what the handout prints beside each slide", () => {
  it("speaker (the default): the speaker notes and the handout text", () => {
    const text = handoutOf(join(root.path, "one"), "speaker").join(" ");
    expect(text).toContain("PRIVATE SPEAKER LINE");
    expect(text).toContain("CIRCULATE THIS LINE");
  });

  it("handout: the handout text only; speaker notes stay private", () => {
    const text = handoutOf(join(root.path, "one"), "handout").join(" ");
    expect(text).toContain("CIRCULATE THIS LINE");
    expect(text).not.toContain("PRIVATE SPEAKER LINE");
  });

  it("none: neither", () => {
    const text = handoutOf(join(root.path, "one"), "none").join(" ");
    expect(text).not.toContain("CIRCULATE THIS LINE");
    expect(text).not.toContain("PRIVATE SPEAKER LINE");
  });

  it("handout text never reaches the deck or its PDF", () => {
    const deck = pages(join(root.path, "one", "hb-speaker", "hb-speaker.pdf")).join(" ");
    expect(deck).not.toContain("CIRCULATE THIS LINE");
  });
});

describe("--handout-layout", () => {
  it.each([["one", 1], ["two", 2], ["three", 3]] as const)("%s slide(s) a page: every slide once, in order, on the pages it should be", (out, perPage) => {
    const printed = handoutOf(join(root.path, out), "handout");
    const headings = ["Handout handout", "Opening", "Second", "Third", "Fourth"];
    expect(printed).toHaveLength(Math.ceil(headings.length / perPage));
    headings.forEach((heading, index) => expect(printed[Math.floor(index / perPage)], `${heading} on page ${Math.floor(index / perPage) + 1}`).toContain(heading));
    // The handout text sits with the slide it belongs to.
    expect(printed[Math.floor(1 / perPage)]).toContain("CIRCULATE THIS LINE");
  });

  it("draws ruled lines where a slide has no notes, unless turned off", () => {
    const parsed = parseMarkdown(briefing("handout")).briefing;
    if (!parsed) throw new Error("no briefing");
    const slides = buildSlides(parsed);
    const templates = loadTemplates();
    for (const perPage of [1, 2, 3] as const) {
      const withLines = renderHandout(parsed, slides, templates, { paper: "a4", perPage, lines: true });
      const without = renderHandout(parsed, slides, templates, { paper: "a4", perPage, lines: false });
      // Four slides have no handout text: each gets its lines.
      expect(withLines.match(/class="handout-lines"/g)).toHaveLength(4);
      expect(without).not.toContain("handout-rule");
      expect(without).toContain("CIRCULATE THIS LINE");
    }
  });
});

describe("handout options", () => {
  it("refuses a layout other than 1, 2 or 3, and the handout's options without --handout", async () => {
    expect((await runCli(["build", "--handout", "--handout-layout", "4", "--content", content])).stderr).toMatch(/--handout-layout must be 1, 2 or 3/);
    expect((await runCli(["build", "--handout-layout", "2", "--content", content])).code).toBe(2);
    expect((await runCli(["build", "--no-handout-lines", "--content", content])).code).toBe(2);
  });
});
