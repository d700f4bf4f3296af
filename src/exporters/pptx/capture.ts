/**
 * Where the deck put each part of each slide, read from the fitted deck in
 * print view. The PowerPoint writer places native text, tables and pictures
 * at these positions, so boxes are sized by the same layout the PDF shows
 * rather than guessed. Lengths are CSS px of the 1280×720 slide.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The computed style a PowerPoint shape needs to look like its element. */
export interface BoxStyle {
  fontSize: number;
  bold: boolean;
  italic: boolean;
  color: string;
  background: string;
  fontFamily: string;
  align: string;
  lineHeight: number;
  /** `text-transform: uppercase`: PowerPoint gets the letters in capitals. */
  uppercase: boolean;
  /** The start-side border (pull quotes, lede), as `width color`. */
  borderStart: { width: number; color: string };
  borderTop: { width: number; color: string };
  borderBottom: { width: number; color: string };
}

/** One captured element: its role (a class the templates use), its unit key when inside one, its place and style. */
export interface CapturedBox {
  role: string;
  /** The `data-unit` key of the element or of the unit it sits in. */
  unit?: string;
  box: Box;
  /** The box inside its borders and padding: where its text starts. */
  inner: Box;
  style: BoxStyle;
  /** The element's text: used for strings the templates add ("Prepared for", the footer), which the model does not hold. */
  text: string;
  /** A drawn `::before` marker (timeline dots and line), relative to the slide. */
  marker?: { box: Box; color: string; round: boolean };
  /** For images: the picture's own size, to place it as `object-fit: contain` draws it. */
  natural?: { w: number; h: number };
}

export interface SlideCapture {
  id: string;
  boxes: CapturedBox[];
}

/** Roles and the selectors that find them inside a slide. Order is the order boxes are reported in. */
export const CAPTURE_ROLES: ReadonlyArray<readonly [string, string]> = [
  ["frame", ".slide-frame"],
  ["banner", ".banner"],
  ["footer", ".slide-footer"],
  ["footer-title", ".footer-title"],
  ["footer-date", ".footer-date"],
  ["footer-number", ".footer-number"],
  ["heading", ".slide-header h2"],
  ["body", ".slide-body"],
  ["title-organization", ".title-organization"],
  ["title-heading", ".title-heading"],
  ["title-subtitle", ".title-subtitle"],
  ["title-lede", ".title-lede"],
  ["title-meta", ".title-meta p"],
  ["title-source", ".title-source"],
  ["divider-heading", ".divider-heading"],
  ["divider-subtitle", ".divider-subtitle"],
  ["unit", "[data-unit]"],
  ["list", ".slide-body ul, .slide-body ol"],
  ["table", ".slide-body table"],
  ["table-cell", ".slide-body th, .slide-body td"],
  ["stat-figure", ".stat-figure"],
  ["stat-label", ".stat-label"],
  ["timeline", ".timeline"],
  ["timeline-date", ".timeline-date"],
  ["timeline-text", ".timeline-text"],
  ["pull-quote", ".pull-quote"],
  ["quote", ".pull-quote blockquote"],
  ["quote-speaker", ".quote-speaker"],
  ["quote-role", ".quote-role"],
  ["column", ".column"],
  ["column-heading", ".column > h3"],
  ["figure-image", ".slide-figure img"],
  ["image", ".slide-body .block img"],
  ["blockquote", ".slide-body .block > blockquote"],
  ["figure-caption", ".slide-figure figcaption"],
  ["figure-credit", ".figure-credit"],
  ["chart", ".chart-graphic"],
  ["chart-caption", ".chart-caption"],
  ["footnotes", ".slide-footnotes"],
];

/**
 * Runs in the page (passed to `page.evaluate`), so it uses nothing from its
 * module scope. Returns one entry per slide, in deck order.
 */
export function captureSlidesInPage(roles: ReadonlyArray<readonly [string, string]>): SlideCapture[] {
  const px = (value: string): number => Number.parseFloat(value) || 0;
  const sections = [...document.querySelectorAll<HTMLElement>(".reveal .slides section.slide")];
  return sections.map((section) => {
    const origin = section.getBoundingClientRect();
    const boxes: CapturedBox[] = [];
    for (const [role, selector] of roles) {
      for (const element of section.querySelectorAll<HTMLElement>(selector)) {
        const rect = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        const rtl = style.direction === "rtl";
        const unit = element.closest<HTMLElement>("[data-unit]")?.dataset.unit;
        const scale = rect.width > 0 && element.offsetWidth > 0 ? rect.width / element.offsetWidth : 1;
        const left = (px(style.borderLeftWidth) + px(style.paddingLeft)) * scale;
        const right = (px(style.borderRightWidth) + px(style.paddingRight)) * scale;
        const top = (px(style.borderTopWidth) + px(style.paddingTop)) * scale;
        const bottom = (px(style.borderBottomWidth) + px(style.paddingBottom)) * scale;
        const captured: CapturedBox = {
          role,
          inner: {
            x: rect.left - origin.left + left,
            y: rect.top - origin.top + top,
            w: Math.max(0, rect.width - left - right),
            h: Math.max(0, rect.height - top - bottom),
          },
          text: (element.textContent ?? "").replace(/\s+/g, " ").trim(),
          box: { x: rect.left - origin.left, y: rect.top - origin.top, w: rect.width, h: rect.height },
          style: {
            // Zoomed (shrunk) bodies report unzoomed font sizes: scale them to what is drawn.
            fontSize: px(style.fontSize) * scale,
            bold: Number(style.fontWeight) >= 600,
            italic: style.fontStyle === "italic",
            color: style.color,
            background: style.backgroundColor,
            fontFamily: style.fontFamily,
            align: style.textAlign,
            lineHeight: px(style.lineHeight),
            uppercase: style.textTransform === "uppercase",
            borderStart: rtl
              ? { width: px(style.borderRightWidth), color: style.borderRightColor }
              : { width: px(style.borderLeftWidth), color: style.borderLeftColor },
            borderTop: { width: px(style.borderTopWidth), color: style.borderTopColor },
            borderBottom: { width: px(style.borderBottomWidth), color: style.borderBottomColor },
          },
        };
        if (unit !== undefined) captured.unit = unit;
        if (element instanceof HTMLImageElement) captured.natural = { w: element.naturalWidth, h: element.naturalHeight };
        const before = getComputedStyle(element, "::before");
        if (before.position === "absolute" && before.content !== "none" && before.content !== "normal") {
          const width = px(before.width);
          const height = px(before.height);
          if (width > 0 && height > 0) {
            captured.marker = {
              box: { x: rect.left - origin.left + px(before.left), y: rect.top - origin.top + px(before.top), w: width, h: height },
              color: before.backgroundColor,
              round: px(before.borderTopLeftRadius) >= Math.min(width, height) / 2 - 0.5,
            };
          }
        }
        boxes.push(captured);
      }
    }
    return { id: section.id, boxes };
  });
}
