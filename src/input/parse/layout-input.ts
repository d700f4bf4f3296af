import type { Diagnostics } from "../../core/diagnostics.js";
import type { MarkdownRenderer, PositionedToken } from "./markdown.js";
import type { RawSection } from "./sections.js";

/** Everything a layout reader (charts included) needs about the section it reads. */
export interface LayoutInput {
  section: RawSection;
  tokens: PositionedToken[];
  markdown: MarkdownRenderer;
  diagnostics: Diagnostics;
  /** The briefing's language, for reading numbers. */
  lang: string;
  /** Folder inside content/ that relative paths start from. */
  baseDir: string;
}
