import type { Briefing } from "../../core/model.js";
import type { PdfInfo } from "../contracts.js";

/** SOURCE_DATE_EPOCH when set (reproducible builds), else the briefing's own date. */
export function documentDate(briefingDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (env.SOURCE_DATE_EPOCH !== undefined && env.SOURCE_DATE_EPOCH !== "" && Number.isFinite(epoch)) return new Date(epoch * 1000);
  return new Date(`${briefingDate}T00:00:00Z`);
}

/** The document information of a briefing's PDFs, from its front matter. */
export function pdfInfo(briefing: Briefing, titleSuffix = ""): PdfInfo {
  const { meta } = briefing;
  return {
    title: `${meta.title}${titleSuffix}`,
    ...(meta.presenter ? { author: meta.presenter } : {}),
    ...(meta.summary ? { subject: meta.summary } : {}),
    keywords: meta.tags,
    lang: meta.lang,
    date: documentDate(meta.date),
  };
}
