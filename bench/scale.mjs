// Briefings per minute with PDFs, three ways, in one run: one local browser; two running
// browsers (Chromiums started with --remote-debugging-port stand in for remote ones); two
// shards built at the same time into their own folders, merged, then indexed, as a CI matrix
// would. Every figure is a whole `briefdeck` process; browsers already running are not timed.
// Usage: node bench/scale.mjs [briefings]   (BENCH_SCALE_BRIEFINGS, default 24)
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { URL } from "node:url";
import { generateBriefings } from "./many.mjs";

const COUNT = Number(process.argv[2] ?? process.env.BENCH_SCALE_BRIEFINGS ?? 24);
const CHROMIUM = process.env.BRIEFDECK_BROWSER ?? "/usr/bin/chromium";
const work = join(".bench", "scale");
rmSync(work, { recursive: true, force: true });
const content = join(work, "content");
generateBriefings(content, COUNT);

const briefdeck = (args) => ["bin/briefdeck.js", "build", "--quiet", "--content", content, ...args];

/** Runs processes side by side; resolves with the wall time until the last one ends. */
async function wall(runs) {
  const started = process.hrtime.bigint();
  await Promise.all(runs.map((args) => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => { stderr += chunk; });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited ${code}:\n${stderr}`))));
  })));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** A Chromium listening on a free DevTools port; returns its http address and a stop function. */
async function runningBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "briefdeck-bench-remote-"));
  const child = spawn(CHROMIUM, ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"], { detached: true, stdio: ["ignore", "ignore", "pipe"] });
  const ws = await new Promise((resolve, reject) => {
    let seen = "";
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
    child.on("exit", () => reject(new Error(`Chromium exited:\n${seen}`)));
  });
  return {
    url: new URL(ws).origin.replace(/^ws/, "http"),
    stop: () => {
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

console.log(`scale: ${COUNT} copies of the example, with PDFs, on ${readdirSync(content).length} files`);
const local = await wall([briefdeck(["--out", join(work, "local")])]);

const browsers = [await runningBrowser(), await runningBrowser()];
let remote;
try {
  remote = await wall([briefdeck(["--out", join(work, "remote"), ...browsers.flatMap((browser) => ["--browser-url", browser.url])])]);
} finally {
  for (const browser of browsers) browser.stop();
}

const shardsStarted = process.hrtime.bigint();
await wall([1, 2].map((shard) => briefdeck(["--out", join(work, `shard-${shard}`), "--shard", `${shard}/2`])));
// The CI matrix's last job: merge the shards' decks into one folder and write the index.
mkdirSync(join(work, "merged"), { recursive: true });
for (const shard of [1, 2]) cpSync(join(work, `shard-${shard}`), join(work, "merged"), { recursive: true });
const indexed = spawnSync(process.execPath, ["bin/briefdeck.js", "index", "--out", join(work, "merged")], { encoding: "utf8" });
if (indexed.status !== 0) throw new Error(`briefdeck index failed:\n${indexed.stderr}`);
const shards = Number(process.hrtime.bigint() - shardsStarted) / 1e9;

const perMinute = (seconds) => (COUNT * 60) / seconds;
const rows = [
  ["one local browser", local],
  ["two running browsers (--browser-url ×2)", remote],
  ["two shards side by side (--shard 1/2, 2/2), merged, indexed", shards],
];
console.log("\n| how | wall | briefings a minute | against one local browser |\n|---|---|---|---|");
for (const [how, seconds] of rows) {
  console.log(`| ${how} | ${seconds.toFixed(1)} s | ${perMinute(seconds).toFixed(1)} | ${(local / seconds).toFixed(2)}× |`);
}
