import { describe, expect, it } from "vitest";
import { loneTag, markupOf, textBetweenMarkup } from "../../src/input/parse/html-tokens.js";
import { splitSentences } from "../../src/render/sentences.js";

/** Each piece of markup as written, with its name. */
const pieces = (html: string): [string | undefined, string][] => markupOf(html).map((m) => [m.name, html.slice(m.start, m.end)]);

describe("the HTML tokenizer", () => {
  it("reads quotes only around attribute values, and decodes entities in them", () => {
    const html = `a <SPAN title='x > y' class=b&amp;c data-x="&#106;s">t</span>`;
    const [open] = markupOf(html);
    expect(pieces(html)).toEqual([["span", `<SPAN title='x > y' class=b&amp;c data-x="&#106;s">`], ["span", "</span>"]]);
    expect(open?.attributes.map((a) => [a.name, a.value, html.slice(a.at, a.valueEnd)])).toEqual([
      ["title", "x > y", "title='x > y"],
      ["class", "b&c", "class=b&amp;c"],
      ["data-x", "js", 'data-x="&#106;s'],
    ]);
  });

  it("reads what a text-only element holds as text, even when it is written self-closing", () => {
    expect(pieces(`<script/><img src=x></script><p>`)).toEqual([["script", "<script/>"], ["script", "</script>"], ["p", "<p>"]]);
    expect(pieces(`<title><b>x</b></title>`)).toEqual([["title", "<title>"], ["title", "</title>"]]);
  });

  it("leaves a tag that never ends as text, and reads comments and doctypes as markup without a name", () => {
    expect(pieces(`x <span title="y`)).toEqual([]);
    expect(pieces(`x </span`)).toEqual([]);
    expect(pieces(`<!doctype html><!-- a --!><?x?>`)).toEqual([[undefined, "<!doctype html>"], [undefined, "<!-- a --!>"], [undefined, "<?x?>"]]);
    expect(textBetweenMarkup(`a<!-- b --><em>c</em> <d`)).toBe("ac <d");
  });

  it("knows a lone tag", () => {
    expect(loneTag(" <script type=x> ")?.name).toBe("script");
    expect(loneTag("</svg>")?.closing).toBe(true);
    expect(loneTag("<b>x</b>")).toBeUndefined();
    expect(loneTag("<b")).toBeUndefined();
  });
});

describe("sentences", () => {
  it("are cut only where no tag is open, keeping a footnote marker with its sentence", () => {
    const html = '<p>One is <em>here. Not cut</em> there.<sup class="footnote-ref">1</sup> Two <br> follows. Three.</p>';
    expect(splitSentences(html)).toEqual(['One is <em>here. Not cut</em> there.<sup class="footnote-ref">1</sup>', "Two <br> follows.", "Three."]);
  });
});
