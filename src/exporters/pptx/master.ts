import type { Presentation, SlideMasterProps } from "./pptxgen.js";
import { SlideBoxes } from "./boxes.js";
import type { CapturedBox, SlideCapture } from "./capture.js";
import { colour, fontFace, hexOr, place, points, SLIDE_INCHES } from "./units.js";

/** The slide masters: content slides, the title slide, section dividers. */
export const MASTERS = { content: "Briefing content", title: "Briefing title", section: "Briefing section" } as const;
export type MasterName = (typeof MASTERS)[keyof typeof MASTERS];

type MasterObject = NonNullable<SlideMasterProps["objects"]>[number];

/**
 * Defines the three masters from the slides that show them. The banner, the
 * footer and the slide number live on the master, so a slide a colleague
 * adds in PowerPoint carries them too; the title sits in a title placeholder.
 */
export function defineMasters(pptx: Presentation, captures: SlideCapture[], kinds: string[], classification: string | undefined): void {
  const byKind = (wanted: (kind: string) => boolean): SlideBoxes | undefined => {
    const index = kinds.findIndex(wanted);
    const capture = index >= 0 ? captures[index] : undefined;
    return capture ? new SlideBoxes(capture) : undefined;
  };
  const content = byKind((kind) => kind !== "title" && kind !== "section") ?? byKind(() => true);
  const title = byKind((kind) => kind === "title") ?? content;
  const section = byKind((kind) => kind === "section") ?? title;
  if (content) pptx.defineSlideMaster(master(MASTERS.content, content, "heading", classification));
  if (title) pptx.defineSlideMaster(master(MASTERS.title, title, "title-heading", classification));
  if (section) pptx.defineSlideMaster(master(MASTERS.section, section, "divider-heading", classification));
}

function master(name: MasterName, boxes: SlideBoxes, titleRole: string, classification: string | undefined): SlideMasterProps {
  const frame = boxes.first("frame");
  const objects: MasterObject[] = [];
  const banner = boxes.first("banner");
  if (banner && classification) {
    objects.push({ rect: { ...place(banner.box), fill: { color: hexOr(banner.style.background, "2B5F3F") }, line: { type: "none" } } });
    objects.push({ text: { text: banner.text, options: { ...place(banner.box), ...textStyle(banner), align: "center", valign: "middle", margin: 0, charSpacing: 2 } } });
  }
  const footer = boxes.first("footer");
  const footerTitle = boxes.first("footer-title");
  const footerDate = boxes.first("footer-date");
  const footerNumber = boxes.first("footer-number");
  if (footer) {
    const rule = colour(footer.style.borderTop.color);
    if (rule && footer.style.borderTop.width > 0) {
      objects.push({ line: { ...place({ ...footer.box, h: 0 }), h: 0, line: { color: rule.hex, width: 0.75, transparency: rule.transparency } } });
    }
    for (const part of [footerTitle, footerDate]) {
      if (part) objects.push({ text: { text: part.text, options: { ...place(part.box), ...textStyle(part), valign: "middle", margin: 0, fit: "shrink" } } });
    }
  }
  const heading = boxes.first(titleRole);
  if (heading) {
    objects.push({
      placeholder: {
        options: { name: "title", type: "title", ...place(heading.inner), ...textStyle(heading), align: heading.style.align === "center" ? "center" : "left", valign: "top", margin: 0 },
        text: "",
      },
    });
  }
  const props: SlideMasterProps = { title: name, background: { color: hexOr(frame?.style.background ?? "", "FFFFFF") }, objects };
  if (footerNumber) {
    const box = place(footerNumber.box);
    props.slideNumber = { x: box.x, y: box.y, w: box.w, h: box.h, ...textStyle(footerNumber), align: "right", margin: 0 };
  }
  return props;
}

function textStyle(captured: CapturedBox): { fontSize: number; fontFace: string; color: string; bold: boolean } {
  return { fontSize: points(captured.style.fontSize), fontFace: fontFace(captured.style.fontFamily), color: hexOr(captured.style.color, "14213D"), bold: captured.style.bold };
}

export const LAYOUT = { name: "BRIEFDECK_16x9", width: SLIDE_INCHES.w, height: SLIDE_INCHES.h };
