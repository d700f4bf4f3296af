import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SLUG_PATTERN, displayPath } from "../input/discover.js";
import { UsageError } from "../core/errors.js";
import { starterConfig } from "./config.js";

/** Writes a starter briefing that shows the main layouts; refuses to overwrite. */
export async function scaffoldBriefing(contentDir: string, slug: string, today = new Date()): Promise<string> {
  if (!SLUG_PATTERN.test(slug)) {
    throw new UsageError(`"${slug}" is not a valid briefing name: use lowercase letters, digits and -, e.g. gas-transit`);
  }
  const path = join(contentDir, `${slug}.md`);
  if (existsSync(path) || existsSync(join(contentDir, slug, "index.md"))) {
    throw new UsageError(`a briefing named "${slug}" already exists in ${displayPath(contentDir)}`);
  }
  await mkdir(contentDir, { recursive: true });
  await writeFile(path, starter(slug, today.toISOString().slice(0, 10)), { flag: "wx" });
  return path;
}

/** Writes a commented project file when there is none yet; returns its path, or undefined when one was there. */
export async function scaffoldConfig(path: string): Promise<string | undefined> {
  if (existsSync(path)) return undefined;
  await writeFile(path, starterConfig(), { flag: "wx" });
  return path;
}

function starter(slug: string, date: string): string {
  const title = slug.split("-").map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
  return `---
title: ${title}
date: ${date}
subtitle: One line on what this briefing is about
presenter: Your name
classification: UNCLASSIFIED
summary: One or two sentences that sum the briefing up.
tags: [briefing]
---

A sentence or two of context, shown on the title slide.

## Key judgments {layout=summary}

- The first thing the audience must remember.
- The second.
- The third.

## Background

Plain Markdown: paragraphs, **bold**, lists, tables and [links](https://example.org).

::: notes
Speaker notes: shown in the speaker view (press S), never on the slide.
:::

## In their words {layout=quote}

> The quotation, word for word.
> — Speaker Name, their role

## Key figures {layout=stats}

- **3** figures with a bold lead
- **42%** each with a short label

## What to watch {fragments}

- Items appear one by one when presenting
- The PDF shows them all
`;
}
