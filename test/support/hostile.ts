import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./files.js";

/** The briefing full of attacks, built by the security tests. */
export const HOSTILE_FIXTURE = join(ROOT, "test/fixtures/hostile/hostile.md");

/** A 1×1 PNG, the one real image the hostile briefing shows (with a hostile alt and title). */
export const PIXEL_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

export interface Attack {
  /** Text found on exactly one line of the fixture. */
  marker: string;
  /** What the build must warn at that line; undefined when the attack is shown as harmless text and nothing is removed. */
  warning?: RegExp;
}

const RAW = /^removed raw HTML </;
const LINK = /^removed link to "/;
const ATTRIBUTE = /^removed attribute /;

/** Every attack of the fixture's body, and what the build must say about it. */
export const ATTACKS: Attack[] = [
  { marker: "window.__pwned='lede'", warning: /^removed raw HTML <script>/ },
  { marker: "window.__pwned='script-block'", warning: /^removed raw HTML <script>/ },
  { marker: "window.__pwned='upper'", warning: /^removed raw HTML <script>/ },
  { marker: "window.__pwned='div'", warning: /^removed raw HTML <div>/ },
  { marker: "window.__pwned='toggle'", warning: /^removed raw HTML <details>/ },
  { marker: "parent.__pwned='srcdoc'", warning: /^removed raw HTML <iframe>/ },
  { marker: "parent.__pwned='object'", warning: /^removed raw HTML <object>/ },
  { marker: "parent.__pwned='embed'", warning: /^removed raw HTML <embed>/ },
  { marker: "window.__pwned='svg'", warning: /^removed raw HTML <svg>/ },
  { marker: "window.__pwned='math'", warning: /^removed raw HTML <math>/ },
  { marker: "window.__pwned='template'", warning: /^removed raw HTML <template>/ },
  { marker: "window.__pwned='noscript'", warning: /^removed raw HTML <noscript>/ },
  { marker: "<base href", warning: /^removed raw HTML <base>/ },
  { marker: "<link rel", warning: /^removed raw HTML <link>/ },
  { marker: "<style>@import", warning: /^removed raw HTML <style>/ },
  { marker: "window.__pwned='meta'", warning: /^removed raw HTML <meta>/ },
  { marker: "<form action", warning: /^removed raw HTML <form>/ },
  { marker: "window.__pwned='body'", warning: /^removed raw HTML <body>/ },
  { marker: "window.__pwned='video'", warning: /^removed raw HTML <video>/ },
  { marker: "window.__pwned='img'", warning: /^removed raw HTML <img>/ },
  { marker: "window.__pwned='img2'", warning: /^removed raw HTML <img>/ },
  { marker: "window.__pwned='focus'", warning: /^removed raw HTML <input>/ },
  { marker: "window.__pwned='split'", warning: /^removed raw HTML <script>/ },
  // An unquoted value holding ' is no tag in Markdown: it is shown as text.
  { marker: "window.__pwned='nested'" },
  { marker: "window.__pwned='rawa'", warning: /^removed raw HTML <a>/ },
  { marker: "https anchor", warning: /^removed raw HTML <a>/ },
  { marker: "window.__pwned='click'", warning: /^removed attribute onclick from <span>/ },
  { marker: "window.__pwned='expr'", warning: /^removed attribute style from <span>/ },
  { marker: "window.__pwned='cssurl'", warning: /^removed attribute style from <span>/ },
  { marker: "window.__pwned='abbr'" },
  { marker: "window.__pwned='comment'" },
  { marker: "window.__pwned='escaped'" },
  { marker: "window.__pwned='numeric'" },
  { marker: "window.__pwned='code'" },
  { marker: "window.__pwned='md'", warning: /^removed link to "javascript:/ },
  { marker: "vbscript:", warning: /^removed link to "vbscript:/ },
  { marker: "data:text/html;base64", warning: /^removed link to "data:text\/html/ },
  { marker: "[reference link][evil-ref]", warning: /^removed link to "javascript:/ },
  { marker: "window.__pwned='auto'", warning: /^removed link to "javascript:/ },
  { marker: "window.__pwned='entity'", warning: /^removed link to "&#106;avascript:/ },
  { marker: "window.__pwned='hex'", warning: /^removed link to "&#x6A;avascript/ },
  { marker: "window.__pwned='case'", warning: /^removed link to "JaVaScRiPt:/ },
  { marker: "window.__pwned='tab'", warning: /^removed link to "java\tscript:/ },
  { marker: "window.__pwned='newline'", warning: /^removed link to "java&#10;script:/ },
  { marker: "window.__pwned='wide'", warning: LINK },
  { marker: "//evil.example/x)", warning: /^removed link to "\/\/evil/ },
  // Quotes in a link's title or address are escaped, not removed.
  { marker: "window.__pwned='linktitle'" },
  { marker: "window.__pwned='q'" },
  { marker: "window.__pwned='heading'", warning: /^removed raw HTML <img>/ },
  { marker: "window.__pwned='item'", warning: /^removed raw HTML <script>/ },
  { marker: "window.__pwned='itemlink'", warning: LINK },
  { marker: "window.__pwned='cell'", warning: /^removed raw HTML <img>/ },
  { marker: "window.__pwned='quote'", warning: /^removed raw HTML <svg>/ },
  { marker: "window.__pwned='alt'" },
  { marker: "window.__pwned='notes'", warning: /^removed raw HTML <img>/ },
  { marker: "window.__pwned='footnote'", warning: /^removed raw HTML <script>/ },
];

/** The same again for what must hold at the lines with several removals. */
export const ALSO: { marker: string; warning: RegExp }[] = [
  { marker: "window.__pwned='ledeimg'", warning: /^removed raw HTML <img>/ },
  { marker: "window.__pwned='math'", warning: /^removed raw HTML <style>/ },
  { marker: "<form action", warning: /^removed raw HTML <button>/ },
  { marker: "window.__pwned='video'", warning: /^removed raw HTML <source>/ },
  { marker: "window.__pwned='celllink'", warning: LINK },
  { marker: "window.__pwned='noteslink'", warning: LINK },
  { marker: "window.__pwned='fnlink'", warning: LINK },
];

/** Kinds of warning the fixture may produce, for the "nothing else" check. */
export const WARNING_KINDS = [RAW, LINK, ATTRIBUTE];

/** 1-based line of the fixture's only line holding `marker`. */
export function lineOf(marker: string): number {
  const lines = readFileSync(HOSTILE_FIXTURE, "utf8").split("\n");
  const found = lines.flatMap((line, index) => (line.includes(marker) ? [index + 1] : []));
  if (found.length !== 1) throw new Error(`marker ${marker} is on ${found.length} lines of the fixture; it must be on one`);
  return found[0] ?? 0;
}
