import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Element } from "domhandler";

/** One card of a built index page, as a reader sees it. */
export interface IndexCard {
  slug: string;
  /** The card is flagged as showing an earlier build's output. */
  flagged: boolean;
  /** The flag's text, its failure time and the earlier build's time, when flagged. */
  failure?: { text: string; error: string; failedAt: string; builtAt: string };
  /** Output kind (deck, pdf, handout, singleFile, pptx) → link target, relative to the output folder. */
  links: Record<string, string>;
}

/** The cards of `<out>/index.html`, read with a real HTML parser. */
export function readIndexCards(outDir: string): IndexCard[] {
  const document = parseDocument(readFileSync(join(outDir, "index.html"), "utf8"));
  const cards = DomUtils.findAll((element) => hasClass(element, "briefing"), document.children);
  return cards.map((card) => {
    const links: Record<string, string> = {};
    for (const link of DomUtils.findAll((element) => element.name === "a" && element.attribs["data-output"] !== undefined, card.children)) {
      links[link.attribs["data-output"] ?? ""] = link.attribs.href ?? "";
    }
    const flag = DomUtils.findOne((element) => hasClass(element, "briefing-failed"), card.children);
    const result: IndexCard = { slug: card.attribs["data-slug"] ?? "", flagged: hasClass(card, "briefing--failed"), links };
    if (flag) {
      const error = DomUtils.findOne((element) => hasClass(element, "briefing-error"), flag.children);
      result.failure = {
        text: DomUtils.textContent(flag).replace(/\s+/g, " ").trim(),
        error: error ? DomUtils.textContent(error) : "",
        failedAt: flag.attribs["data-failed-at"] ?? "",
        builtAt: flag.attribs["data-built-at"] ?? "",
      };
    }
    return result;
  });
}

/** Every link of every card names a file that is there. */
export function brokenLinks(outDir: string, cards: readonly IndexCard[]): string[] {
  return cards.flatMap((card) => Object.values(card.links)).filter((href) => {
    const path = join(outDir, ...decodeURIComponent(href).split("/"));
    return !existsSync(path) || !statSync(path).isFile();
  });
}

function hasClass(element: Element, name: string): boolean {
  return (element.attribs.class ?? "").split(/\s+/).includes(name);
}
