import type { TextProps } from "./pptxgen.js";
import type { BoxStyle } from "./capture.js";
import type { Paragraph, Run } from "./runs.js";
import { fontFace, hexOr, points } from "./units.js";


/** The look shared by every run of a text frame, from its element's computed style. */
export interface TextLook {
  fontSize: number;
  color: string;
  fontFace: string;
  bold?: boolean;
  italic?: boolean;
  lang: string;
  rtl: boolean;
  /** Link colour (the deck's link blue, or the text colour on dark slides). */
  linkColor?: string;
  /** Space after each paragraph, in points. */
  paraSpaceAfter?: number;
  uppercase?: boolean;
  /** `lineSpacingMultiple` from the CSS line height. */
  lineSpacingMultiple?: number;
}

/** A text look from a captured element's style. */
export function lookOf(style: BoxStyle, lang: string, rtl: boolean, overrides: Partial<TextLook> = {}): TextLook {
  const size = points(style.fontSize);
  const look: TextLook = {
    fontSize: size,
    color: hexOr(style.color, "14213D"),
    fontFace: fontFace(style.fontFamily),
    lang,
    rtl,
  };
  if (style.bold) look.bold = true;
  if (style.italic) look.italic = true;
  if (style.uppercase) look.uppercase = true;
  if (style.lineHeight > 0 && style.fontSize > 0) look.lineSpacingMultiple = Math.round((style.lineHeight / style.fontSize) * 100) / 100;
  return { ...look, ...overrides };
}

/**
 * Paragraphs → pptxgenjs text runs. The first run of a paragraph carries the
 * paragraph's settings (bullet, level); pptxgenjs starts a new paragraph at
 * each `breakLine`.
 */
export function textRuns(paragraphs: Paragraph[], look: TextLook): TextProps[] {
  const runs: TextProps[] = [];
  paragraphs.forEach((paragraph, index) => {
    const last = index === paragraphs.length - 1;
    paragraph.runs.forEach((run, at) => {
      const options = runOptions(run, look, paragraph);
      if (at === 0) Object.assign(options, paragraphOptions(paragraph, look));
      if (at === paragraph.runs.length - 1 && !last) options.breakLine = true;
      runs.push({ text: look.uppercase ? run.text.toLocaleUpperCase(look.lang) : run.text, options });
    });
  });
  return runs;
}

function paragraphOptions(paragraph: Paragraph, look: TextLook): TextProps["options"] & object {
  const options: NonNullable<TextProps["options"]> = {};
  if (paragraph.list === "number") {
    // Room for the widest number of the list ("10." needs more than "9.").
    const digits = String((paragraph.start ?? 1) + (paragraph.count ?? 1) - 1).length;
    options.bullet = { type: "number", ...(paragraph.start !== undefined ? { numberStartAt: paragraph.start } : {}), indent: Math.round(look.fontSize * (0.9 + 0.55 * digits)) };
  } else if (paragraph.list === "bullet") {
    options.bullet = { indent: Math.round(look.fontSize * 1.1) };
  }
  if (paragraph.level > 0) options.indentLevel = paragraph.level;
  if (look.paraSpaceAfter !== undefined) options.paraSpaceAfter = look.paraSpaceAfter;
  if (look.lineSpacingMultiple !== undefined) options.lineSpacingMultiple = look.lineSpacingMultiple;
  if (look.rtl) options.rtlMode = true;
  return options;
}

function runOptions(run: Run, look: TextLook, paragraph: Paragraph): NonNullable<TextProps["options"]> {
  const options: NonNullable<TextProps["options"]> = {
    fontSize: paragraph.level > 0 ? Math.round(look.fontSize * 0.9 * 2) / 2 : look.fontSize,
    color: look.color,
    fontFace: run.code ? "DejaVu Sans Mono" : look.fontFace,
    lang: look.lang,
  };
  if (run.bold || look.bold || paragraph.heading) options.bold = true;
  if (run.italic || look.italic || paragraph.quote) options.italic = true;
  if (run.superscript) options.superscript = true;
  if (run.subscript) options.subscript = true;
  if (run.highlight) options.highlight = "F3EAD6";
  if (run.breakBefore) options.softBreakBefore = true;
  if (run.link) {
    options.hyperlink = { url: run.link, tooltip: run.link };
    if (look.linkColor) options.color = look.linkColor;
  }
  return options;
}
