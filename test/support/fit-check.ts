import type { Page } from "puppeteer";

/** An element that pokes out of its slide, or a body whose content overflows. */
export interface FitProblem {
  slide: string;
  problem: string;
}

/**
 * Checks every slide of the deck loaded in `page`: in the presenting view
 * (slide by slide, through reveal.js) or in print view (all pages at once).
 * Empty when everything lies inside its slide's box.
 */
export async function findFitProblems(page: Page): Promise<FitProblem[]> {
  return page.evaluate(async () => {
    const problems: { slide: string; problem: string }[] = [];
    const reveal = (window as unknown as { Reveal: { getSlides(): HTMLElement[]; slide(h: number): void } }).Reveal;
    const printing = document.documentElement.classList.contains("reveal-print");
    const slides = reveal.getSlides();
    for (const [index, section] of slides.entries()) {
      if (!printing) {
        reveal.slide(index);
        await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
      }
      const box = (printing ? (section.closest(".pdf-page") as HTMLElement | null) ?? section : section).getBoundingClientRect();
      for (const element of section.querySelectorAll<HTMLElement>(".slide-frame *")) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        if (rect.left < box.left - 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.bottom > box.bottom + 1) {
          problems.push({ slide: section.id, problem: `${element.tagName.toLowerCase()}.${element.className} outside the slide` });
        }
      }
      const body = section.querySelector<HTMLElement>(".slide-body");
      if (body && body.scrollHeight > body.clientHeight + 1) {
        problems.push({ slide: section.id, problem: `body overflows by ${body.scrollHeight - body.clientHeight}px` });
      }
      if (body && body.scrollWidth > body.clientWidth + 1) {
        problems.push({ slide: section.id, problem: `body is ${body.scrollWidth - body.clientWidth}px too wide` });
      }
    }
    return problems;
  });
}
