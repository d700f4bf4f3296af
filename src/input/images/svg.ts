import sanitizeHtml from "sanitize-html";
import { cssReferences } from "../parse/css-urls.js";
import { withoutProlog } from "./sniff.js";

/**
 * SVG is sanitised, not rasterised: a deck is built without a browser when no
 * PDF is asked for, and vector art should stay sharp on a projector. What could
 * run or fetch is removed, so the file is inert even when opened on its own
 * (not just inside <img>, where browsers already disable scripts).
 */
const SVG_ELEMENTS = [
  "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
  "text", "tspan", "textPath",
  "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
  "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
  "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
  "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
  "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
];

/** Elements removed with everything inside them. */
const REMOVED_WITH_CONTENT = ["script", "style", "foreignObject", "iframe", "object", "embed", "audio", "video", "image", "feImage", "animate", "animateMotion", "animateTransform", "set", "handler", "listener"];

/** A reference that stays inside the document: `#id` or nothing. */
const LOCAL_REFERENCE = /^\s*#[\w:.-]*\s*$/;

export function sanitizeSvg(svg: string): string {
  const clean = sanitizeHtml(withoutProlog(svg), {
    parser: { xmlMode: true, lowerCaseTags: false, lowerCaseAttributeNames: false, decodeEntities: true },
    allowedTags: SVG_ELEMENTS,
    allowedAttributes: false,
    nonTextTags: REMOVED_WITH_CONTENT,
    disallowedTagsMode: "discard",
    allowedSchemes: [],
    allowProtocolRelative: false,
    selfClosing: [],
    transformTags: { "*": (tagName, attribs) => ({ tagName, attribs: safeAttributes(attribs) }) },
  });
  return clean.startsWith("<svg") ? clean : `<svg xmlns="http://www.w3.org/2000/svg">${clean}</svg>`;
}

/** Drops handlers and every attribute that could point outside the file. */
function safeAttributes(attribs: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(attribs)) {
    const lower = name.toLowerCase();
    if (lower.startsWith("on")) continue;
    if (!/^[a-z][\w:.-]*$/i.test(name)) continue;
    if ((lower === "href" || lower.endsWith(":href") || lower === "src") && !LOCAL_REFERENCE.test(value)) continue;
    if (lower.startsWith("xmlns") || lower === "xml:space" || lower === "xml:lang") {
      kept[name] = value;
      continue;
    }
    // A URL in CSS is written "url(" or with an escape ("\\75 rl(").
    if (/url|\\/i.test(value) && !onlyLocalUrls(value)) continue;
    if (/@import|expression\s*\(|javascript:|data:/i.test(value)) continue;
    kept[name] = value;
  }
  return kept;
}

/** True when every url(…) in a value is `url(#id)`; an url( the CSS scan cannot read (`url (x)`) is not. */
function onlyLocalUrls(value: string): boolean {
  const urls = cssReferences(value).filter((reference) => reference.via === "url()");
  const written = value.match(/url\s*\(/gi)?.length ?? 0;
  return urls.length >= written && urls.every((reference) => LOCAL_REFERENCE.test(reference.url));
}
