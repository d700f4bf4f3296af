import { describe, expect, it } from "vitest";
import { TEXT_ONLY_ELEMENTS, loneTag, markupOf } from "../../src/input/parse/html-tokens.js";

/** Each attribute: its name, decoded value, and the value as written between valueStart and valueEnd. */
const attributes = (html: string) => markupOf(html).flatMap((m) => m.attributes.map((a) => [a.name, a.value, html.slice(a.valueStart, a.valueEnd), html.slice(a.at, a.at + a.name.length)]));

describe("attribute offsets", () => {
  it("cover the value as written, without its quotes, also with spaces around =", () => {
    expect(attributes(`<a HREF = "x&amp;y" title= 'z' data-q =w>`)).toEqual([
      ["href", "x&y", "x&amp;y", "HREF"],
      ["title", "z", "z", "title"],
      ["data-q", "w", "w", "data-q"],
    ]);
  });

  it("are empty at the end of the name for an attribute without a value", () => {
    const html = `<input checked disabled=''>`;
    const [tag] = markupOf(html);
    expect(tag?.attributes.map((a) => [a.name, a.value, a.at, a.valueStart, a.valueEnd])).toEqual([
      ["checked", "", 7, 14, 14],
      ["disabled", "", 15, 25, 25],
    ]);
  });

  it("hold an unquoted value up to the space or the end of the tag", () => {
    expect(attributes(`<img src=a.png alt=b>`)).toEqual([["src", "a.png", "a.png", "src"], ["alt", "b", "b", "alt"]]);
    expect(attributes(`<img src=a.png/>`)).toEqual([["src", "a.png/", "a.png/", "src"]]);
  });
});

describe("tag offsets", () => {
  it("start at < and end after >, for opening, closing and self-closing tags", () => {
    const html = `ab<em class="x">c</em ><br/>`;
    expect(markupOf(html).map((m) => [m.name, m.start, m.end, m.closing, m.selfClosing])).toEqual([
      ["em", 2, 16, false, false],
      ["em", 17, 23, true, false],
      ["br", 23, 28, false, true],
    ]);
  });

  it("end a comment left open at the end of the text, and read CDATA and <?…> as unnamed markup", () => {
    expect(markupOf(`a<!-- open`).map((m) => [m.name, m.start, m.end])).toEqual([[undefined, 1, 10]]);
    expect(markupOf(`<![CDATA[x]]>b<?php x ?>`).map((m) => [m.name, m.start, m.end, m.closing])).toEqual([
      [undefined, 0, 13, false],
      [undefined, 14, 24, false],
    ]);
  });

  it("keep markup in order, with nothing overlapping", () => {
    const html = `<p>a<!--b--><span title="<x>">c</span><br>d</p><?e?>`;
    const found = markupOf(html);
    for (let index = 1; index < found.length; index++) expect(found[index]?.start).toBeGreaterThanOrEqual(found[index - 1]?.end ?? 0);
    expect(found.map((m) => html.slice(m.start, m.end)).join("")).toBe(`<p><!--b--><span title="<x>"></span><br></p><?e?>`);
  });
});

describe("text-only elements", () => {
  it.each([...TEXT_ONLY_ELEMENTS].filter((name) => name !== "plaintext"))("<%s> holds text up to its closing tag", (name) => {
    expect(markupOf(`<${name}><b>x</b></${name}><i>`).map((m) => [m.name, m.closing])).toEqual([[name, false], [name, true], ["i", false]]);
  });

  it("are the ones browsers read as text", () => {
    expect([...TEXT_ONLY_ELEMENTS].sort()).toEqual(["iframe", "noembed", "noframes", "plaintext", "script", "style", "textarea", "title", "xmp"]);
    expect(markupOf(`<plaintext><b>x</b>`).map((m) => m.name)).toEqual(["plaintext"]);
  });
});

describe("a lone tag", () => {
  it("is one named tag and nothing else, spaces aside", () => {
    expect(loneTag("  <span>  ")?.name).toBe("span");
    expect(loneTag("<!-- x -->")).toBeUndefined();
    expect(loneTag("x<span>")).toBeUndefined();
    expect(loneTag("<span>x")).toBeUndefined();
    expect(loneTag("<span><b>")).toBeUndefined();
    expect(loneTag("")).toBeUndefined();
  });
});
