import { describe, expect, it } from "vitest";
import { INLINE_TAG_ALLOWLIST, MAX_INLINE_NESTING, alreadyClean, cleanHtml, cleanHtmlThoroughly, closedElement, hiddenElementOpened, sanitizeRawHtml } from "../../src/input/parse/sanitize.js";
import { parseMarkdown } from "../support/parse.js";

/** Every construct the Markdown renderer makes, in one briefing. */
const EVERYTHING = `---
title: All of it
date: 2026-01-08
---

Lede with *em*, **strong**, ~~del~~, \`code\` and a [link](https://example.org "Title").

## Text

A paragraph with <sup>1</sup>, <sub>2</sub>, <mark>m</mark>, <abbr title="Abbreviation">abbr</abbr>, <span class="x" lang="tr" dir="rtl">span</span> and a<br>break.

> A quote.

1. one
2. two

3. three

- [x] done
- [ ] open

| Left | Centre | Right |
|:-----|:------:|------:|
| a    | b      | c     |

\`\`\`
fenced
\`\`\`

---

### Third

#### Fourth

##### Fifth

###### Sixth
`;

/** The HTML of every field of a parsed briefing. */
function htmlOf(value: unknown): string[] {
  if (typeof value === "string") return /<[a-z]/.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(htmlOf);
  if (value && typeof value === "object") return Object.values(value).flatMap(htmlOf);
  return [];
}

describe("the safety net's allowlist", () => {
  it("keeps everything the renderer makes from Markdown and the allowed raw tags, unchanged", () => {
    const { briefing, diagnostics } = parseMarkdown(EVERYTHING);
    expect(diagnostics.filter((d) => d.severity !== "note")).toEqual([]);
    const html = htmlOf(briefing).join("\n");
    for (const tag of ["p", "a", "em", "strong", "del", "code", "pre", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "h3", "h4", "h5", "h6", "hr", "input", ...INLINE_TAG_ALLOWLIST]) {
      expect(html, tag).toMatch(new RegExp(`<${tag}[ >/]`));
    }
    for (const fragment of htmlOf(briefing)) expect(cleanHtmlThoroughly(fragment)).toBe(fragment);
  });

  it.each([
    ['<a href="https://x.org" title="t" rel="noopener" target="_blank">a</a>'],
    ['<img src="media/a.png" alt="a" title="t" loading="lazy" decoding="async" />'],
    ['<ol start="3"><li>x</li></ol>'],
    ['<table><thead><tr><th align="left" style="text-align:left">h</th></tr></thead><tbody><tr><td align="right" style="text-align:right">d</td></tr></tbody></table>'],
    ['<input type="checkbox" checked disabled />'],
    ['<p class="c" lang="tr" dir="ltr" data-fragment-index="2">p</p>'],
    ['<figure><img src="a.png" alt="" /><figcaption>c</figcaption></figure>'],
    ['<blockquote><p>q</p><footer><cite>who</cite></footer></blockquote>'],
    ['<p><s>s</s> <del>d</del> <em>e</em> <strong>s</strong> <code>c</code></p><pre><code>x</code></pre><hr />'],
    ['<h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6><ul><li>u</li></ul>'],
    ...INLINE_TAG_ALLOWLIST.filter((tag) => tag !== "br").map((tag) => [`<${tag} title="t" class="c">x</${tag}>`]),
    ["a<br />b"],
    ['<td style="text-align:center">c</td>'.replace(/^/, "<table><tbody><tr>").replace(/$/, "</tr></tbody></table>")],
  ])("keeps %s", (html) => {
    expect(cleanHtmlThoroughly(html)).toBe(html);
    expect(cleanHtml(html)).toBe(html);
  });

  it("drops what is not on it, keeping the text", () => {
    expect(cleanHtmlThoroughly("<h1>a</h1><h2>b</h2><div>c</div><form>d</form>")).toBe("abcd");
    expect(cleanHtmlThoroughly('<a href="https://x.org" onclick="x" id="i" style="color:red">a</a>')).toBe('<a href="https://x.org">a</a>');
    expect(cleanHtmlThoroughly('<img src="https://x.org/a.png" alt="a" />')).toBe('<img alt="a" />');
    expect(cleanHtmlThoroughly('<p title="t">a</p>')).toBe("<p>a</p>");
    expect(cleanHtmlThoroughly('<td style="text-align:justify">c</td>'.replace(/^/, "<table><tbody><tr>").replace(/$/, "</tr></tbody></table>"))).toBe("<table><tbody><tr><td>c</td></tr></tbody></table>");
  });

  it("knows plain text and properly nested plain tags, which the parser would keep as they are", () => {
    for (const html of ["", "plain", "<p>a &amp; b &lt;c&gt;</p>", "<ul><li><p>x</p><ul><li><em>y</em></li></ul></li></ul>", "<ol><li>a</li></ol>", "<ol><li><ol><li>b</li></ol></li></ol>", "<p><strong><em>x</em></strong> <del>d</del> <s>s</s> <sup>1</sup><sub>2</sub><mark>m</mark><code>c</code></p>", "<li><ul><li>x</li></ul></li>".replace(/^/, "<ul>").replace(/$/, "</ul>")]) {
      expect(alreadyClean(html), html).toBe(true);
    }
    for (const html of ['a "q"', "a & b", "a &copy; b", "a < b", "a > b", "<p>a</p></p>", "</p>", "<p><p>x</p></p>", "<li>x</li>", "<ul><em>x</em></ul>", "<ol><em>x</em></ol>", "<p>x", "<em><strong>x</em></strong>", "<ul><p>x</p></ul>", "<ol><ul><li>x</li></ul></ol>", "<ul><ol><li>x</li></ol></ul>", "<p><li>x</li></p>", "<p><ul><li>x</li></ul></p>", "<p><ol><li>x</li></ol></p>", "<em><p>x</p></em>", "<div>x</div>", "<a>x</a>", "<P>x</P>"]) {
      expect(alreadyClean(html), html).toBe(false);
    }
  });

  it("takes the shortcut only for what it would keep unchanged", () => {
    for (const html of ["plain", "<p>a &amp; b &lt;c&gt;</p>", "<ul><li><p>x</p><ul><li><em>y</em></li></ul></li></ul>", "<ol><li>a</li></ol>", "<p><strong><em>x</em></strong> <del>d</del> <s>s</s> <sup>1</sup><sub>2</sub><mark>m</mark><code>c</code></p>"]) {
      expect(cleanHtml(html), html).toBe(html);
    }
    // Each of these needs the parser: it changes them.
    for (const html of ['a "q"', "a & b", "<p>a</p></p>", "<p><p>x</p></p>", "<li>x</li>", "<ul><em>x</em></ul>", "<p>x", "<em><strong>x</em></strong>", "<ul><p>x</p></ul>", "<ol><ul><li>x</li></ul></ol>", "<li><p>x</p></li>", "<p><li>x</li></p>", "<p><ul><li>x</li></ul></p>", "<div>x</div>", "<ul><li><p>x</p></li></ul><p>", "a &copy; b", "a < b", "a > b"]) {
      expect(cleanHtml(html), html).toBe(cleanHtmlThoroughly(html));
    }
  });
});

describe("the raw HTML pass", () => {
  const run = (raw: string, nesting = { open: 0 }) => {
    const said: string[] = [];
    const html = sanitizeRawHtml(raw, (offset, message) => said.push(`${offset}: ${message}`), nesting);
    return { html, said };
  };

  it("keeps allowed tags with harmless attributes, escaped, and reports each removal at its offset", () => {
    expect(run('<span class="a&quot;b" onclick="x" lang="tr" dir="rtl" title="&lt;t&gt;" style="s">x</span>')).toEqual({
      html: '<span class="a&quot;b" lang="tr" dir="rtl" title="&lt;t&gt;">x</span>',
      said: ["23: removed attribute onclick from <span>: event handlers, styles and links are not allowed in raw HTML", "73: removed attribute style from <span>: event handlers, styles and links are not allowed in raw HTML"],
    });
  });

  it("removes other tags, said once at the opening tag, and escapes stray brackets in text", () => {
    expect(run("a <b>bold</b> > c <i>")).toEqual({
      html: "a bold &gt; c ",
      said: ["2: removed raw HTML <b>: only sup, sub, mark, abbr, br, span are allowed in briefings", "18: removed raw HTML <i>: only sup, sub, mark, abbr, br, span are allowed in briefings"],
    });
    expect(run("<!-- c --><!doctype html>x")).toEqual({ html: "x", said: [] });
    expect(run("a < b <")).toEqual({ html: "a &lt; b &lt;", said: [] });
  });

  it.each(["script", "style", "textarea", "title", "iframe", "noembed", "noframes", "xmp", "object", "embed", "svg", "math", "template", "noscript", "select", "frameset"])(
    "drops <%s> with what it holds",
    (tag) => {
      const { html, said } = run(`a<${tag}>hidden <b>x</b></${tag}>b`);
      expect(html).toBe("ab");
      expect(said).toEqual([`1: removed raw HTML <${tag}>: only sup, sub, mark, abbr, br, span are allowed in briefings`]);
    },
  );

  it("drops until the element's own closing tag, and to the end when it never closes", () => {
    expect(run("a<svg><g></g>hidden</svg>b").html).toBe("ab");
    expect(run("a<svg><svg/>hidden</svg>b").html).toBe("ab");
    expect(run("a<script>hidden").html).toBe("a");
    expect(run("a<svg>hidden <b>x</b>").html).toBe("a");
  });

  it("drops a self-closed element's content only when the browser would still open it", () => {
    expect(run("a<svg/>b").html).toBe("ab");
    expect(run("a<script/>hidden</script>b").html).toBe("ab");
    expect(run("a<object/>kept").html).toBe("akept");
  });

  it("keeps no more than the nesting limit of inline tags open, and says so once per block", () => {
    const nesting = { open: 0 };
    const deep = run("<span>".repeat(MAX_INLINE_NESTING), nesting);
    expect(deep.said).toEqual([]);
    expect(nesting.open).toBe(MAX_INLINE_NESTING);
    const deeper = run("<sup>x<br><sub>", nesting);
    expect(deeper.html).toBe("x<br>");
    expect(deeper.said).toEqual(["0: removed raw HTML <sup> and any deeper: inline tags may be nested at most 16 deep; close the ones above first"]);
    expect(nesting.open).toBe(MAX_INLINE_NESTING);
    expect(run("</span></span>", nesting).html).toBe("</span></span>");
    expect(nesting.open).toBe(MAX_INLINE_NESTING - 2);
    expect(run("</span>", { open: 0 })).toEqual({ html: "</span>", said: [] });
  });

  it("knows the elements a lone tag opens and closes", () => {
    expect(hiddenElementOpened("<script>")).toBe("script");
    expect(hiddenElementOpened(" <svg viewBox='0 0 1 1'> ")).toBe("svg");
    expect(hiddenElementOpened("<svg/>")).toBeUndefined();
    expect(hiddenElementOpened("<span>")).toBeUndefined();
    expect(hiddenElementOpened("</script>")).toBeUndefined();
    expect(hiddenElementOpened("<script>x")).toBeUndefined();
    expect(closedElement("</script>")).toBe("script");
    expect(closedElement("<script>")).toBeUndefined();
    expect(closedElement("x")).toBeUndefined();
  });
});
