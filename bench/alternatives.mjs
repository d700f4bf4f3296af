// The example through Marp (marp-cli, a dev dependency used only here), against briefdeck, in
// the same run: HTML only and with a PDF, whole processes, medians of BENCH_RUNS. The Marp
// source is the example turned into Marp's format mechanically: the title slide from the front
// matter, one slide per `##` section (attributes dropped), speaker notes as HTML comments
// (Marp's notes). Marp neither fits nor splits slides and has no sources slide: it does less.
// Slidev (export needs Playwright's own browser download), Quarto (not on npm) and reveal-md
// (PDF through a separate decktape) cannot be installed on an offline machine this way.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const work = join(".bench", "alternatives");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

/** The example in Marp's format. */
function marpSource() {
  const text = readFileSync("content/ots-security.md", "utf8").replace(/\r\n/g, "\n");
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
  const field = (name) => new RegExp(`^${name}: "?(.*?)"?$`, "m").exec(front ?? "")?.[1] ?? "";
  const slides = (body ?? "")
    .split(/^(?=## )/m)
    .map((section) => section
      .replace(/ \{[^}\n]*\}$/m, "")
      .replace(/^::: notes\n([\s\S]*?)^:::$/gm, (_, notes) => `<!--\n${notes.trim()}\n-->`));
  const title = `# ${field("title")}\n\n${field("subtitle")}\n\n${field("presenter")} · ${field("date")}\n\n${slides.shift()?.trim() ?? ""}`;
  return `---\nmarp: true\npaginate: true\nfooter: "${field("classification")}"\n---\n\n${[title, ...slides.map((slide) => slide.trim())].join("\n\n---\n\n")}\n`;
}

function median(label, command, args, env = {}) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, ...env } });
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stdout}${result.stderr}`);
    samples.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const value = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(52)} median ${value.toFixed(3)} s  (${RUNS} runs)`);
  return value;
}

const source = join(work, "ots-security.md");
writeFileSync(source, marpSource());
const marp = join("node_modules", ".bin", "marp");
const chromium = { CHROME_PATH: process.env.BRIEFDECK_BROWSER ?? "/usr/bin/chromium", CHROME_NO_SANDBOX: "1" };
const node = process.execPath;

const oursHtml = median("briefdeck HTML (--no-pdf --no-fit)", node, ["bin/briefdeck.js", "build", "--quiet", "--force", "--no-pdf", "--no-fit", "--out", join(work, "ours-html")]);
const marpHtml = median("Marp HTML (marp file.md -o file.html)", marp, [source, "-o", join(work, "marp.html")], chromium);
const oursPdf = median("briefdeck HTML + fitted PDF (--force)", node, ["bin/briefdeck.js", "build", "--quiet", "--force", "--out", join(work, "ours-pdf")]);
const marpPdf = median("Marp PDF (marp file.md --pdf)", marp, [source, "--pdf", "--allow-local-files", "-o", join(work, "marp.pdf")], chromium);

console.log(`\n| step | briefdeck | Marp | briefdeck / Marp |\n|---|---|---|---|`);
console.log(`| HTML deck | ${oursHtml.toFixed(2)} s | ${marpHtml.toFixed(2)} s | ${(oursHtml / marpHtml).toFixed(2)}× |`);
console.log(`| deck and PDF | ${oursPdf.toFixed(2)} s | ${marpPdf.toFixed(2)} s | ${(oursPdf / marpPdf).toFixed(2)}× |`);
