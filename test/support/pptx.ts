import JSZip from "jszip";
import type { Element } from "domhandler";
import { DomUtils, parseDocument } from "htmlparser2";

/** One slide of a .pptx as the package stores it, in presentation order. */
export interface PptxSlide {
  name: string;
  xml: string;
  /** The slide's relationships: hyperlinks, pictures, its layout and notes. */
  rels: Array<{ id: string; type: string; target: string; external: boolean }>;
  notesXml?: string;
}

export interface PptxPackage {
  zip: JSZip;
  slides: PptxSlide[];
  parts: Map<string, string>;
}

const attr = (tag: string, name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? "";

function relationships(xml: string): PptxSlide["rels"] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map(([tag]) => ({
    id: attr(tag, "Id"),
    type: attr(tag, "Type").split("/").pop() ?? "",
    target: attr(tag, "Target").replace(/&amp;/g, "&"),
    external: attr(tag, "TargetMode") === "External",
  }));
}

/** Reads a .pptx back: every XML part, and the slides in the order the presentation lists them. */
export async function readPptx(bytes: Uint8Array): Promise<PptxPackage> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (!entry.dir && /\.(?:xml|rels)$/.test(name)) parts.set(name, await entry.async("string"));
  }
  const presentation = parts.get("ppt/presentation.xml") ?? "";
  const presentationRels = relationships(parts.get("ppt/_rels/presentation.xml.rels") ?? "");
  const order = [...presentation.matchAll(/<p:sldId\b[^>]*r:id="([^"]+)"/g)].map((match) => match[1]);
  const slides = order.map((rid) => {
    const target = presentationRels.find((rel) => rel.id === rid)?.target ?? "";
    const name = `ppt/${target.replace(/^\//, "").replace(/^ppt\//, "")}`;
    const rels = relationships(parts.get(name.replace(/slides\/(slide\d+\.xml)$/, "slides/_rels/$1.rels")) ?? "");
    const notes = rels.find((rel) => rel.type === "notesSlide");
    const slide: PptxSlide = { name, xml: parts.get(name) ?? "", rels };
    if (notes) slide.notesXml = parts.get(`ppt/notesSlides/${notes.target.split("/").pop() ?? ""}`) ?? "";
    return slide;
  });
  return { zip, slides, parts };
}

/** The text of every run in some DrawingML, paragraphs joined by a space. */
export function drawingText(xml: string): string {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)]
    .map((paragraph) => [...(paragraph[1] ?? "").matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((run) => decodeXml(run[1] ?? "")).join(""))
    .filter((text) => text.trim() !== "")
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The shapes (`p:sp`) of a slide. */
export function shapes(slideXml: string): string[] {
  return [...slideXml.matchAll(/<p:sp>([\s\S]*?)<\/p:sp>/g)].map((match) => match[1] ?? "");
}

/** The text of the slide's title placeholder, or undefined when it has none. */
export function titleText(slideXml: string): string | undefined {
  const title = shapes(slideXml).find((shape) => /<p:ph\b[^>]*type="title"/.test(shape));
  return title === undefined ? undefined : drawingText(title);
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, "&");
}

/** What the built deck shows on each slide: heading, notes, footnotes, in deck order. */
export interface DeckSlide {
  id: string;
  kind: string;
  heading: string;
  notes: string;
  footnotes: Array<{ number: string; text: string }>;
  /** Numbers of the footnote markers in the slide's body. */
  markers: string[];
  hasTable: boolean;
  images: string[];
}

const text = (node: Parameters<typeof DomUtils.textContent>[0]): string => DomUtils.textContent(node).replace(/\s+/g, " ").trim();

export function deckSlides(html: string): DeckSlide[] {
  const document = parseDocument(html);
  const sections = DomUtils.findAll((el) => el.name === "section" && (el.attribs.class ?? "").split(" ").includes("slide"), document.children);
  return sections.map((section) => {
    const find = (test: (el: Element) => boolean) => DomUtils.findAll(test, section.children);
    const hasClass = (name: string) => (el: Element | null) => (el?.attribs.class ?? "").split(" ").includes(name);
    const parent = (el: Element): Element | null => (DomUtils.getParent(el) as Element | null);
    const layout = (section.attribs.class ?? "").split(" ").find((name) => name.startsWith("layout-"))?.slice(7) ?? "";
    const headingElement = find((el) => (el.name === "h2" && hasClass("slide-header")(parent(el))) || hasClass("title-heading")(el) || hasClass("divider-heading")(el))[0];
    const footnotes = find((el) => el.name === "p" && hasClass("slide-footnotes")(parent(el))).map((p) => {
      const sup = DomUtils.findOne((el) => el.name === "sup", p.children);
      const number = sup ? text(sup) : "";
      return { number, text: text(p).slice(number.length).trim() };
    });
    const body = find(hasClass("slide-body"))[0];
    return {
      id: section.attribs.id ?? "",
      kind: layout,
      heading: headingElement ? text(headingElement) : "",
      notes: find((el) => el.name === "aside" && hasClass("notes")(el)).map(text).join(" "),
      footnotes,
      markers: body ? DomUtils.findAll(hasClass("footnote-ref"), body.children).map(text) : [],
      hasTable: body ? DomUtils.findAll((el) => el.name === "table", body.children).length > 0 : false,
      images: body ? DomUtils.findAll((el) => el.name === "img", body.children).map((img) => img.attribs.alt ?? "") : [],
    };
  });
}
