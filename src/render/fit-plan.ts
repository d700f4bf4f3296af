/** How one drafted slide is laid out after measuring: one entry per resulting slide. */
export interface SlideFit {
  /** Units (by key) on this slide; absent means all of them. */
  keys?: string[];
  /** Scale for the slide body: below 1 when the content had to shrink, above 1 when a sparse slide grew. */
  zoom?: number;
  /** Column widths (percent) of the section's tables by block key, kept on every part of a split table. */
  columns?: Record<string, number[]>;
}

/** Slide id (of the section's first slide) → how it is split and scaled. */
export type FitPlan = Map<string, SlideFit[]>;
