// The chart step: drawing a briefing's charts to SVG, in a warm process (vega already loaded),
// per chart; and what loading vega costs the first briefing with a chart.
// Run after `tsc`: node bench/charts.mjs
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadChartData } from "../lib/input/chart-data.js";
import { parseBriefing } from "../lib/input/parse/index.js";
import { drawCharts } from "../lib/render/chart/svg.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONTENT = "test/fixtures/charts/content";
const source = readFileSync(`${CONTENT}/charts.md`, "utf8");
const themeCss = readFileSync("templates/themes/briefing.css", "utf8");

/** A fresh model each time: drawings are kept per model object, so nothing is reused. */
function briefing() {
  const parsed = parseBriefing({ source, file: "charts.md", slug: "charts", baseDir: "" });
  if (!parsed.briefing) throw new Error("the chart fixture does not parse");
  loadChartData(parsed.briefing, CONTENT);
  return parsed.briefing;
}

const charts = briefing().sections.filter((section) => section.layout === "chart").length;
const coldCpu = process.cpuUsage();
let started = performance.now();
const problems = await drawCharts(briefing(), themeCss);
if (problems.length > 0) throw new Error(JSON.stringify(problems));
const cold = performance.now() - started;
const coldUsed = process.cpuUsage(coldCpu);
// Wall time and this process's CPU time: on a loaded machine the CPU time is the steadier figure.
const wall = [];
const cpu = [];
for (let run = 0; run < RUNS; run++) {
  const model = briefing();
  const cpuBefore = process.cpuUsage();
  started = performance.now();
  await drawCharts(model, themeCss);
  wall.push((performance.now() - started) / charts);
  const used = process.cpuUsage(cpuBefore);
  cpu.push((used.user + used.system) / 1000 / charts);
}
const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
console.log(`chart step, warm, per chart (${charts} charts)    wall median ${median(wall).toFixed(1)} ms, CPU median ${median(cpu).toFixed(1)} ms  (${RUNS} runs; target ≤ 50 ms)`);
console.log(`first briefing with charts (loads vega)       wall ${cold.toFixed(0)} ms, CPU ${((coldUsed.user + coldUsed.system) / 1000).toFixed(0)} ms for ${charts} charts`);
