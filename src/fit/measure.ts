/**
 * What the browser reports about each slide of a deck loaded in print mode,
 * where every slide is laid out at once at the deck's logical size.
 * All lengths are CSS px at zoom 1 ("natural" size).
 */
export interface UnitMeasure {
  key: string;
  /** Top of the unit, relative to the top of the body's content box. */
  top: number;
  bottom: number;
}

export interface SlideMeasure {
  id: string;
  sectionId: string;
  /** The zoom the slide was rendered with. */
  zoom: number;
  /** Height of the body's content box. */
  available: number;
  /** Height the body's content needs. */
  needed: number;
  /** Height the body's content takes, top of its first child to bottom of its last (0 when empty). */
  used: number;
  /** Width of the body's content box, and the width its content needs. */
  availableWidth: number;
  neededWidth: number;
  /** Height of the footnote area under the body (0 when the slide has none). */
  footnoteArea: number;
  /**
   * Height of each footnote line by its marker (a source's number "2", a
   * note's letter "a"), and of the area's own border and padding.
   */
  footnoteHeights: Record<string, number>;
  footnoteChrome: number;
  /** Free room on the heading's last line, and the heading's line height (for "(cont.)"). */
  headingRoom: number;
  headingLineHeight: number;
  /** Width " (cont.)" takes in the heading's font. */
  continuedWidth: number;
  units: UnitMeasure[];
  /** Column widths of each table in percent of its width, by the table's block key. */
  tables: Record<string, number[]>;
}

/**
 * Runs in the page (passed to `page.evaluate`), so it must not use anything
 * from its module scope. Returns one entry per slide in deck order.
 */
export function measureSlidesInPage(continuedSuffix: string): SlideMeasure[] {
  const px = (value: string): number => Number.parseFloat(value) || 0;
  const slides = [...document.querySelectorAll<HTMLElement>(".reveal .slides section.slide")];
  return slides.map((section) => {
    const body = section.querySelector<HTMLElement>(".slide-body");
    const style = body ? getComputedStyle(body) : undefined;
    const zoom = style ? px(style.zoom) || 1 : 1;
    const padTop = style ? px(style.paddingTop) : 0;
    const padBottom = style ? px(style.paddingBottom) : 0;
    const padX = style ? px(style.paddingLeft) + px(style.paddingRight) : 0;
    const bodyRect = body?.getBoundingClientRect();
    // Visual rectangles include the zoom; divide it out to get natural sizes.
    const contentTop = bodyRect ? bodyRect.top + padTop * zoom : 0;
    const units = body
      ? [...body.querySelectorAll<HTMLElement>("[data-unit]")].map((element) => {
          const rect = element.getBoundingClientRect();
          return {
            key: element.dataset.unit ?? "",
            top: (rect.top - contentTop) / zoom,
            bottom: (rect.bottom - contentTop) / zoom,
          };
        })
      : [];
    const extents = body ? [...body.children].map((child) => child.getBoundingClientRect()).filter((rect) => rect.height > 0) : [];
    const used = extents.length > 0 ? (Math.max(...extents.map((rect) => rect.bottom)) - Math.min(...extents.map((rect) => rect.top))) / zoom : 0;
    const tables: Record<string, number[]> = {};
    for (const table of body ? [...body.querySelectorAll<HTMLTableElement>("table")] : []) {
      const key = table.querySelector<HTMLElement>("tr[data-unit]")?.dataset.unit?.replace(/\.r\d+$/, "");
      const row = table.rows[0];
      const width = table.getBoundingClientRect().width;
      if (!key || !row || width <= 0) continue;
      tables[key] = [...row.cells].map((cell) => Math.round((cell.getBoundingClientRect().width / width) * 1000) / 10);
    }
    const footnotes = section.querySelector<HTMLElement>(".slide-footnotes");
    const footnoteHeights: Record<string, number> = {};
    let linesHeight = 0;
    for (const line of footnotes ? [...footnotes.querySelectorAll<HTMLElement>("p")] : []) {
      const marker = line.querySelector("sup")?.textContent?.trim() ?? "";
      const height = line.getBoundingClientRect().height + px(getComputedStyle(line).marginTop) + px(getComputedStyle(line).marginBottom);
      footnoteHeights[marker] = height;
      linesHeight += height;
    }
    const footnoteArea = footnotes ? footnotes.getBoundingClientRect().height : 0;
    const heading = section.querySelector<HTMLElement>(".slide-header h2");
    let headingRoom = 0;
    let headingLineHeight = 0;
    let continuedWidth = 0;
    if (heading) {
      const range = document.createRange();
      range.selectNodeContents(heading);
      const lines = [...range.getClientRects()];
      const last = lines[lines.length - 1];
      const headingRect = heading.getBoundingClientRect();
      headingRoom = last ? headingRect.right - last.right : headingRect.width;
      headingLineHeight = px(getComputedStyle(heading).lineHeight) || px(getComputedStyle(heading).fontSize) * 1.2;
      const probe = document.createElement("span");
      probe.textContent = continuedSuffix;
      probe.style.whiteSpace = "pre";
      heading.appendChild(probe);
      continuedWidth = probe.getBoundingClientRect().width;
      probe.remove();
    }
    return {
      id: section.id,
      sectionId: section.dataset.section ?? section.id,
      zoom,
      available: body ? body.clientHeight - padTop - padBottom : 0,
      needed: body ? body.scrollHeight - padTop - padBottom : 0,
      used,
      availableWidth: body ? body.clientWidth - padX : 0,
      neededWidth: body ? body.scrollWidth - padX : 0,
      footnoteArea,
      footnoteHeights,
      footnoteChrome: footnotes ? Math.max(0, footnoteArea - linesHeight) : 0,
      headingRoom,
      headingLineHeight,
      continuedWidth,
      units,
      tables,
    };
  });
}
