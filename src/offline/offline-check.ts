import { readFileSync } from "node:fs";
import { sep } from "node:path";
import { displayPath } from "../input/discover.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { formatDiagnostic } from "../core/diagnostics.js";
import type { Briefing } from "../core/model.js";
import { LineIndex } from "../input/parse/line-index.js";
import { renderDeck } from "../render/deck.js";
import type { TemplateSet } from "../render/templates.js";
import { scanCss, scanHtml } from "./offline-scan.js";
import type { RemoteReference } from "./offline-scan.js";

/**
 * Decks work with no network and from a USB stick: a deck or index page
 * that would fetch anything from the web or from outside its folder is
 * refused before it is written or shown to a browser. Each problem is
 * reported where it can be fixed: the template (or theme) line that holds
 * it, or else the briefing section whose content put it there.
 */

/** A briefing ready to render, as the build holds it. */
export interface Candidate {
  source: { file: string };
  briefing?: Briefing;
  diagnostics: Diagnostic[];
}

/**
 * Renders each candidate's deck and checks it and its theme. A briefing with
 * a problem loses its model (so nothing is written) and gets an error;
 * a template's problem is reported once, not once per briefing.
 */
export function refuseRemoteReferences(candidates: Candidate[], templates: TemplateSet): void {
  const sources = new TemplateSources(templates);
  const reported = new Set<string>();
  for (const candidate of candidates) {
    const { briefing } = candidate;
    if (!briefing) continue;
    const problems = deckProblems(briefing, templates, sources);
    if (problems.length === 0) continue;
    const inTemplates = problems.filter((problem) => problem.file !== briefing.file);
    for (const problem of inTemplates) {
      const key = formatDiagnostic(problem);
      if (!reported.has(key)) candidate.diagnostics.push(problem);
      reported.add(key);
    }
    const first = inTemplates[0];
    if (first) candidate.diagnostics.push(error(briefing.file, 1, 1, `not built: its templates would load files from elsewhere (see ${first.file}:${first.line})`));
    candidate.diagnostics.push(...problems.filter((problem) => problem.file === briefing.file));
    candidate.briefing = undefined;
  }
}

/** The problems of one deck: its page as rendered, and its theme. */
export function deckProblems(briefing: Briefing, templates: TemplateSet, sources = new TemplateSources(templates)): Diagnostic[] {
  const html = renderDeck(briefing, templates).html;
  // A reference repeated on every slide (a header, a footer) is one mistake: reported at its first place.
  const seen = new Set<string>();
  const references = scanHtml(html).filter((reference) => !seen.has(`${reference.via} ${reference.url}`) && seen.add(`${reference.via} ${reference.url}`));
  const problems = references.map((reference) => sources.locate(reference) ?? inContent(reference, html, briefing));
  const theme = briefing.meta.theme;
  const themeFile = sources.file(`themes${sep}${theme}.css`);
  const themeCss = templates.themes.get(theme) ?? "";
  problems.push(...scanCss(themeCss).map((reference) => at(themeFile ?? `themes/${theme}.css`, themeCss, reference, "remove it from the theme or inline the file as a data: URL")));
  return unique(problems);
}

/** What in the index page or its stylesheet would fetch from elsewhere, at the template line that holds it. */
export function indexProblems(html: string, templates: TemplateSet): Diagnostic[] {
  const sources = new TemplateSources(templates);
  const indexCssFile = sources.file("index.css") ?? "index.css";
  const problems = [
    ...scanHtml(html).map((reference) => sources.locate(reference) ?? at(sources.file("index.hbs") ?? "index.hbs", "", { ...reference, offset: 0 }, TEMPLATE_FIX)),
    ...scanCss(templates.indexCss).map((reference) => at(indexCssFile, templates.indexCss, reference, TEMPLATE_FIX)),
  ];
  return unique(problems);
}

const TEMPLATE_FIX = "remove it from the template, or use a file the deck ships with";
const CONTENT_FIX = "save the file inside content/ and use a relative path";

/** The text of every template file, read when a reference must be placed. */
class TemplateSources {
  private readonly texts = new Map<string, string>();

  constructor(private readonly templates: TemplateSet) {}

  /** The file chosen for a relative template name (`themes/briefing.css`), shown as the user would. */
  file(relative: string): string | undefined {
    const path = this.templates.files.find((file) => file.endsWith(`${sep}${relative}`));
    return path === undefined ? undefined : displayPath(path);
  }

  /** The template line that holds `reference` literally, when one does. */
  locate(reference: RemoteReference): Diagnostic | undefined {
    for (const path of this.templates.files) {
      if (!path.endsWith(".hbs")) continue;
      const text = this.text(path);
      const index = text.indexOf(reference.url);
      if (index >= 0) return at(displayPath(path), text, { ...reference, offset: index }, TEMPLATE_FIX);
    }
    return undefined;
  }

  private text(path: string): string {
    let text = this.texts.get(path);
    if (text === undefined) {
      text = readFileSync(path, "utf8");
      this.texts.set(path, text);
    }
    return text;
  }
}

/** A reference no template holds came from the briefing: placed at its section's line. */
function inContent(reference: RemoteReference, html: string, briefing: Briefing): Diagnostic {
  const before = html.lastIndexOf(" data-line=\"", reference.offset);
  const line = before < 0 ? 1 : Number(/^ data-line="(\d+)"/.exec(html.slice(before, before + 24))?.[1] ?? 1);
  return error(briefing.file, Math.max(1, line), 1, describe(reference, CONTENT_FIX));
}

function at(file: string, text: string, reference: RemoteReference, fix: string): Diagnostic {
  const lines = new LineIndex(text);
  const line = lines.lineOf(reference.offset);
  return error(file, line + 1, reference.offset - lines.lineStart(reference.offset) + 1, describe(reference, fix));
}

function describe(reference: RemoteReference, fix: string): string {
  const url = reference.url.length > 80 ? `${reference.url.slice(0, 77)}…` : reference.url;
  return reference.reach === "network"
    ? `${reference.via} would load "${url}" from the network: decks must work offline; ${fix}`
    : `${reference.via} would load "${url}" from outside the deck's folder: a deck must be self-contained; ${fix}`;
}

function error(file: string, line: number, column: number, message: string): Diagnostic {
  return { severity: "error", file, line, column, message };
}

function unique(problems: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = formatDiagnostic(problem);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
