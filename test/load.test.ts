import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { BuildReport } from "../src/build/build.js";
import { openPdfExporter } from "../src/exporters/pdf/open-exporter.js";
import { startRemoteBrowser } from "./support/browser.js";
import type { RemoteBrowser } from "./support/browser.js";
import { temporaryFolder } from "./support/files.js";
import { SLOW } from "./support/fuzz.js";
import { PIXEL_PNG } from "./support/hostile.js";

const BRIEFINGS = 1000;
/** The share of them built with PDFs, printed on two running browsers. */
const PRINTED = 200;
const MIB = 1024 * 1024;
/** Built alone and compared with the same briefing from the big build. */
const SAMPLE = [1, 2, 37, 74, 111, 150, 189, 222, 263, 300, 417, 500, 689, 750, 999, 1000];
/** Built alone with a PDF and compared with the same briefing from the printed build. */
const PRINTED_SAMPLE = [1, 10, 99, 200];

const root = temporaryFolder("briefdeck-load-");
afterAll(() => root.remove());
const content = join(root.path, "content");

const slugOf = (n: number): string => `briefing-${String(n).padStart(4, "0")}`;

/** A briefing of its own for each number: every layout, footnotes, links, notes; some in folders with an image. */
function briefing(n: number): string {
  const sections = [
    `## Key judgments {layout=summary}\n\n${Array.from({ length: 2 + (n % 4) }, (_, i) => `- Judgment ${i + 1} of briefing ${n}, with a [source](https://example.org/${n}/${i}).`).join("\n")}`,
    `## Background\n\nBriefing ${n} opens with context[^ctx]. ${"Regional actors coordinate more closely. ".repeat(1 + (n % 5))}\n\n::: notes\nSpeaker notes for briefing ${n}.\n:::`,
    `## By the numbers {layout=stats}\n\n- **${n}** briefings\n- **${n % 7}** members\n- **${(n * 13) % 100}%** share`,
    `## Timeline {layout=timeline}\n\n- **2021** Renamed\n- **2024** Charter signed\n- **${2025 + (n % 3)}** Summit`,
    `## Said {layout=quote}\n\n> Cooperation deepens, number ${n}.\n> — Speaker ${n}, Minister`,
    `## Options {layout=columns}\n\n### Engage\n\nOption A for ${n}.\n\n### Wait\n\nOption B for ${n}.`,
    `## Turn {layout=section}\n\nPart two of ${n}`,
  ];
  if (n % 10 === 0) sections.push(`## Map {layout=figure}\n\n![A map for briefing ${n}](images/map.png "Map ${n}")\n\nSource: briefdeck tests.`);
  const chosen = sections.slice(0, 3 + (n % sections.length));
  return [
    "---",
    `title: "Briefing ${n}: regional security, issue ${n}"`,
    `date: 2026-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`,
    `classification: ${n % 2 === 0 ? "UNCLASSIFIED" : "OFFICIAL"}`,
    `summary: "Summary of briefing ${n}."`,
    `tags: [load, "tag ${n % 9}"]`,
    n % 3 === 0 ? "lang: tr" : "lang: en",
    "---",
    "",
    `Lede of briefing ${n}.`,
    "",
    chosen.join("\n\n"),
    "",
    `[^ctx]: Context note ${n}, see <https://example.org/notes/${n}>.`,
    "",
  ].join("\n");
}

function writeContent(folder: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  for (let n = 1; n <= count; n++) {
    if (n % 10 === 0) {
      mkdirSync(join(folder, slugOf(n), "images"), { recursive: true });
      writeFileSync(join(folder, slugOf(n), "index.md"), briefing(n));
      writeFileSync(join(folder, slugOf(n), "images", "map.png"), PIXEL_PNG);
    } else {
      writeFileSync(join(folder, `${slugOf(n)}.md`), briefing(n));
    }
  }
}

/** The files of a built deck that depend on the content (not the build cache's record of it). */
function deckBytes(out: string, slug: string): Record<string, string> {
  const folder = join(out, slug);
  const files = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
  return Object.fromEntries(files.map((file) => [file, file.endsWith(".html") || file.endsWith(".json") ? readFileSync(join(folder, file), "utf8") : String(readFileSync(join(folder, file)).length)]));
}

/** Runs `work`, sampling the resident set size while it runs; returns its result and the peak in MB. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; baseMb: number }> {
  const baseMb = process.memoryUsage().rss / MIB;
  let peakMb = baseMb;
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, process.memoryUsage().rss / MIB);
  }, 20);
  try {
    const result = await work();
    peakMb = Math.max(peakMb, process.memoryUsage().rss / MIB);
    return { result, peakMb, baseMb };
  } finally {
    clearInterval(timer);
  }
}

describe.runIf(SLOW)(`a content folder of ${BRIEFINGS} briefings`, () => {
  const all = join(root.path, "dist-all");
  let report: BuildReport;

  it("builds HTML-only in one in-process build with bounded memory", async () => {
    writeContent(content, BRIEFINGS);
    const started = performance.now();
    const { result, peakMb, baseMb } = await withPeakRss(() => build({ contentDir: content, outDir: all, pdf: false }));
    report = result;
    const seconds = (performance.now() - started) / 1000;
    console.log(`load: ${BRIEFINGS} briefings, ${report.outcomes.reduce((sum, o) => sum + o.slides, 0)} slides in ${seconds.toFixed(1)} s; ` +
      `peak RSS ${Math.round(peakMb)} MiB (${Math.round(baseMb)} MiB before, +${Math.round(peakMb - baseMb)} MiB); ` +
      `process max RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(report.environmentFailure).toBeUndefined();
    expect(report.outcomes.filter((o) => o.ok)).toHaveLength(BRIEFINGS);
    expect(peakMb - baseMb).toBeLessThan(1000);
    expect(seconds).toBeLessThan(300);
  });

  it("lists every briefing on the index page", () => {
    const index = readFileSync(join(all, "index.html"), "utf8");
    expect(index.match(/class="briefing"/g)).toHaveLength(BRIEFINGS);
  });

  it.each(SAMPLE)("briefing %i built alone is byte for byte the one built with the others", async (n) => {
    const alone = join(root.path, `dist-${n}`);
    const single = await build({ contentDir: content, outDir: alone, slugs: [slugOf(n)], pdf: false });
    expect(single.outcomes.map((o) => o.ok)).toEqual([true]);
    const expected = deckBytes(all, slugOf(n));
    expect(Object.keys(expected)).toContain("index.html");
    expect(deckBytes(alone, slugOf(n))).toEqual(expected);
  });
});

describe.runIf(SLOW)(`${PRINTED} briefings with PDFs on two running browsers`, () => {
  const printedContent = join(root.path, "content-printed");
  const printed = join(root.path, "dist-printed");
  const browsers: RemoteBrowser[] = [];
  afterAll(() => {
    for (const browser of browsers) browser.kill();
  });

  /** A build whose PDFs are printed on the running browsers only: no local Chromium is started. */
  const onEndpoints = (slugs?: string[]) =>
    build({
      contentDir: printedContent,
      outDir: slugs ? join(root.path, `dist-printed-${slugs.join("-")}`) : printed,
      pdf: true,
      ...(slugs ? { slugs } : {}),
      openPdfExporter: () => openPdfExporter({ browserUrls: browsers.map((browser) => browser.httpUrl), concurrency: 2 }),
    });

  it("prints them all with bounded memory and leaves no page open on either browser", async () => {
    writeContent(printedContent, PRINTED);
    browsers.push(await startRemoteBrowser(), await startRemoteBrowser());
    const pagesBefore = await Promise.all(browsers.map((browser) => browser.pages()));
    const started = performance.now();
    const { result, peakMb, baseMb } = await withPeakRss(() => onEndpoints());
    const seconds = (performance.now() - started) / 1000;
    console.log(`load: ${PRINTED} briefings with PDFs on 2 endpoints in ${seconds.toFixed(1)} s ` +
      `(${((PRINTED * 60) / seconds).toFixed(0)} briefings a minute); peak RSS ${Math.round(peakMb)} MiB (+${Math.round(peakMb - baseMb)} MiB)`);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.environmentFailure).toBeUndefined();
    expect(result.outcomes.filter((o) => o.ok && o.pdfPath !== undefined)).toHaveLength(PRINTED);
    expect(peakMb - baseMb).toBeLessThan(1000);
    expect(await Promise.all(browsers.map((browser) => browser.pages()))).toEqual(pagesBefore);
  }, 1_800_000);

  it.each(PRINTED_SAMPLE)("briefing %i printed alone is byte for byte the one printed with the others", async (n) => {
    const single = await onEndpoints([slugOf(n)]);
    expect(single.outcomes.map((o) => o.ok)).toEqual([true]);
    const expected = deckBytes(printed, slugOf(n));
    expect(Object.keys(expected)).toContain(`${slugOf(n)}.pdf`);
    const alone = deckBytes(join(root.path, `dist-printed-${slugOf(n)}`), slugOf(n));
    expect(alone).toEqual(expected);
    const pdf = (folder: string): Buffer => readFileSync(join(folder, slugOf(n), `${slugOf(n)}.pdf`));
    expect(pdf(join(root.path, `dist-printed-${slugOf(n)}`)).equals(pdf(printed))).toBe(true);
  }, 120_000);
});
