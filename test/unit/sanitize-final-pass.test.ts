import { describe, expect, it } from "vitest";
import { cleanHtml, cleanHtmlThoroughly, isAllowedHref } from "../../src/input/parse/sanitize.js";

/** Links to script or inline documents, as written plainly and as hidden from a naive check. */
const DANGEROUS = [
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript&colon;alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "data:image/png;base64,iVBORw0KGgo=",
  "vbscript:msgbox(1)",
  "VBScript:msgbox(1)",
];

/** The href and src values left in an HTML string, decoded as a browser reads them. */
function targets(html: string): string[] {
  return [...html.matchAll(/\b(?:href|src|action|formaction|xlink:href)\s*=\s*"([^"]*)"/gi)].map((m) => (m[1] ?? "").replace(/&amp;/g, "&"));
}

// The second pass is the safety net: it must hold on its own, whatever the first pass let through.
describe.each([["cleanHtml", cleanHtml], ["cleanHtmlThoroughly", cleanHtmlThoroughly]])("the final sanitiser pass (%s) on its own", (_name, clean) => {
  it.each(DANGEROUS)("refuses a link to %s", (url) => {
    const html = clean(`<p><a href="${url}">x</a> <a href='${url}' title="t">y</a></p>`);
    for (const target of targets(html)) expect(isAllowedHref(target), `${target} in ${html}`).toBe(true);
    expect(html).not.toMatch(/(?:java|vb)\s*script\s*:|data\s*:/i);
    // The link text stays.
    expect(html).toContain("x");
    expect(html).toContain("y");
  });

  it.each(DANGEROUS)("keeps %s out of an image's source", (url) => {
    expect(targets(clean(`<p><img src="${url}" alt="a"></p>`))).toEqual([]);
  });

  it("keeps web, mail and in-deck links", () => {
    const html = clean(`<p><a href="https://example.org/a?b=1">a</a> <a href="http://example.org/">b</a> <a href="mailto:x@example.org">c</a> <a href="#s2">d</a></p>`);
    expect(targets(html)).toEqual(["https://example.org/a?b=1", "http://example.org/", "mailto:x@example.org", "#s2"]);
  });

  it("drops protocol-relative links, which would fetch from the network", () => {
    expect(targets(clean(`<p><a href="//evil.example/x">a</a></p>`))).toEqual([]);
  });

  it("drops scripts, handlers, styles and frames that reach it", () => {
    const html = clean(`<p onclick="alert(1)" style="color:red">a<script>alert(1)</script><iframe src="https://x.example"></iframe><img src="x" onerror="alert(1)"><svg onload="alert(1)"></svg></p>`);
    expect(html).not.toMatch(/<script|<iframe|<svg|on(?:click|error|load)\s*=|style=/i);
    expect(html).toContain("a");
  });

  it("keeps only the alignments a table cell may have", () => {
    expect(clean(`<table><tbody><tr><td style="text-align:center">a</td><td style="text-align:center;background:url(https://x.example)">b</td><td style="position:fixed">c</td></tr></tbody></table>`))
      .not.toMatch(/url\(|position/);
  });
});

describe("what a link may point to", () => {
  it.each(DANGEROUS)("not %s", (url) => expect(isAllowedHref(url)).toBe(false));

  it.each(["https://example.org", "HTTP://example.org", "mailto:a@example.org", "#s1-intro", " https://example.org"])("%s", (url) => {
    expect(isAllowedHref(url)).toBe(true);
  });

  it.each(["//example.org", "ftp://example.org", "file:///etc/passwd", "#a:b", "relative/page.html", "https:/example.org", "xhttps://example.org", ""])("not %s", (url) => {
    expect(isAllowedHref(url)).toBe(false);
  });
});
