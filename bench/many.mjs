// Fifty briefings for the cached-build benchmark: copies of the example,
// each with its own slug and title, so every one is a real deck to build.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const example = readFileSync("content/ots-security.md", "utf8");

export const slugOf = (index) => `briefing-${String(index).padStart(2, "0")}`;

/** Writes `count` briefings into `folder`. */
export function generateBriefings(folder, count) {
  mkdirSync(folder, { recursive: true });
  for (let index = 1; index <= count; index++) {
    writeFileSync(join(folder, `${slugOf(index)}.md`), briefing(index, 0));
  }
}

/** Edits one briefing, differently each time, so that the next build must rebuild it. */
export function editBriefing(folder, index, edit) {
  writeFileSync(join(folder, `${slugOf(index)}.md`), briefing(index, edit));
}

function briefing(index, edit) {
  return example
    .replace(/^title: .*$/m, `title: "Briefing ${index}: Turkic States Deepen Security Cooperation"`)
    .replace("## Key judgments", edit === 0 ? "## Key judgments" : `## Key judgments (revision ${edit})`);
}
