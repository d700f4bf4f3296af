import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import type { BuildReport } from "../src/build/build.js";
import { temporaryFolder } from "./support/files.js";
import { SLOW } from "./support/fuzz.js";
import { PIXEL_PNG } from "./support/hostile.js";

const BRIEFINGS = 300;
const MIB = 1024 * 1024;
/** Built alone and compared with the same briefing from the big build. */
const SAMPLE = [1, 2, 37, 74, 111, 150, 189, 222, 263, 300];

const root = temporaryFolder("briefdeck-load-");
afterAll(() => root.remove());
const content = join(root.path, "content");

const slugOf = (n: number): string => `briefing-${String(n).padStart(3, "0")}`;

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

function writeContent(): void {
  mkdirSync(content, { recursive: true });
  for (let n = 1; n <= BRIEFINGS; n++) {
    if (n % 10 === 0) {
      mkdirSync(join(content, slugOf(n), "images"), { recursive: true });
      writeFileSync(join(content, slugOf(n), "index.md"), briefing(n));
      writeFileSync(join(content, slugOf(n), "images", "map.png"), PIXEL_PNG);
    } else {
      writeFileSync(join(content, `${slugOf(n)}.md`), briefing(n));
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
    writeContent();
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
    expect(seconds).toBeLessThan(90);
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
