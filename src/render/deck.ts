import { fillIn, uiStrings } from "../core/ui-strings.js";
import type { UiStrings } from "../core/ui-strings.js";
import type { Briefing } from "../core/model.js";
import { formatDate, isRightToLeft } from "../core/locale.js";
import { VERSION } from "../core/version.js";
import { buildSlides } from "./slides.js";
import type { ImageSource } from "./slides.js";
import type { SlideView } from "./slide-views.js";
import type { TemplateSet } from "./templates.js";
import type { FitPlan } from "./fit-plan.js";

/** The deck's logical size; every slide is laid out at exactly this size. */
export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;

export interface DeckOptions {
  /** File name of the PDF beside the deck, when one is built. */
  pdfName?: string;
  /** Splits and shrinks decided by measuring an earlier rendering. */
  plan?: FitPlan;
  /** Stylesheets and scripts to put inside the page (the single-file deck) instead of linking them. */
  /** Where pages find images (the single-file deck inlines them); their files in the deck folder by default. */
  imageSource?: ImageSource;
  inline?: { revealCss: string; fontsCss: string; themeCss: string; revealJs: string; notesJs: string };
}

export interface RenderedDeck {
  html: string;
  slides: SlideView[];
}

/** Model + templates → the deck's index.html. */
export function renderDeck(briefing: Briefing, templates: TemplateSet, options: DeckOptions = {}): RenderedDeck {
  const slides = buildSlides(briefing, options.plan, options.imageSource);
  const { meta } = briefing;
  const ui = uiStrings(meta.lang);
  const html = templates.deck({
    meta,
    // The logo as the deck folder holds it (absent when the briefing has none).
    logoSrc: briefing.logo?.outputPath,
    slug: briefing.slug,
    lang: meta.lang,
    dir: isRightToLeft(meta.lang) ? "rtl" : "ltr",
    dateText: formatDate(meta.date, meta.lang),
    sourceDateText: meta.source?.date ? formatDate(meta.source.date, meta.lang) : undefined,
    footerTitle: meta.shortTitle ?? meta.title,
    slides: labelled(slides, ui),
    ui,
    uiForeign: ui.lang !== meta.lang.toLowerCase().split("-")[0],
    preparedFor: meta.audience ? fillIn(ui.preparedFor, { audience: meta.audience }) : undefined,
    pdfName: options.pdfName,
    inline: options.inline,
    generator: `briefdeck ${VERSION}`,
    revealConfig: {
      width: SLIDE_WIDTH,
      height: SLIDE_HEIGHT,
      margin: 0.04,
      center: false,
      hash: true,
      controls: true,
      // Arrows at the edges stay clear of the footer's slide number.
      controlsLayout: "edges",
      controlsTutorial: false,
      progress: true,
      slideNumber: false,
      transition: "fade",
      transitionSpeed: "fast",
      pdfSeparateFragments: false,
      pdfMaxPagesPerSlide: 1,
      rtl: isRightToLeft(meta.lang),
      // Faded "previous" arrows fail non-text contrast (1.89:1): both arrows are drawn in full.
      controlsBackArrows: "visible",
    },
  });
  return { html, slides };
}

/** Each slide's accessible name: "Slide 3 of 17: Key judgments". */
export function labelled<T extends SlideView>(slides: T[], ui: UiStrings): (T & { label: string })[] {
  return slides.map((slide) => ({ ...slide, label: fillIn(ui.slideLabel, { n: slide.number, total: slide.total, title: slide.heading }) }));
}
