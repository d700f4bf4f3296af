import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SLUG_PATTERN, displayPath } from "../input/discover.js";
import { UsageError } from "../core/errors.js";

/**
 * Writes a starter briefing, `content/<slug>/index.md` with a placeholder
 * image beside it, that shows every layout once; refuses to overwrite.
 * The title is a placeholder: a slug like "eu-crma-one-year" makes a poor one.
 */
export async function scaffoldBriefing(contentDir: string, slug: string, today = new Date()): Promise<string> {
  if (!SLUG_PATTERN.test(slug)) {
    throw new UsageError(`"${slug}" is not a valid briefing name: use lowercase letters, digits and -, e.g. gas-transit`);
  }
  const folder = join(contentDir, slug);
  if (existsSync(join(contentDir, `${slug}.md`)) || existsSync(folder)) {
    throw new UsageError(`a briefing named "${slug}" already exists in ${displayPath(contentDir)}`);
  }
  await mkdir(join(folder, "images"), { recursive: true });
  const path = join(folder, "index.md");
  await writeFile(join(folder, "images", PLACEHOLDER_IMAGE), PLACEHOLDER_SVG, { flag: "wx" });
  await writeFile(path, starter(today.toISOString().slice(0, 10)), { flag: "wx" });
  return path;
}

const PLACEHOLDER_IMAGE = "placeholder.svg";

/** A 16:9 grey frame that says what to put there; no external references, so the deck stays offline. */
const PLACEHOLDER_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
<rect width="1600" height="900" fill="#e9ecf1"/>
<rect x="24" y="24" width="1552" height="852" fill="none" stroke="#9aa3b2" stroke-width="6" stroke-dasharray="24 16"/>
<text x="800" y="470" font-family="Arial, sans-serif" font-size="64" fill="#5b6474" text-anchor="middle">Your map or chart here</text>
</svg>
`;

function starter(date: string): string {
  return `---
title: Title of your briefing
date: ${date}
subtitle: One line on what this briefing is about
presenter: Your name
organization: Your organisation
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
A footnote cites a source[^report]; one whose label starts with "note" explains[^note].

[^report]: Author, "Report title", Publisher, date.
[^note]: An explanatory note: lettered, shown on this slide only, not listed as a source.

::: notes
Speaker notes: shown in the speaker view (press S), never on the slide.
:::

## In their words {layout=quote}

> The quotation, word for word.
> — Speaker Name, their role

## How we got here {layout=timeline}

- **2021** The first event
- **2023** The second
- **2025** The third

## Key figures {layout=stats}

- **3** figures with a bold lead
- **42%** each with a short label

## Two views {layout=columns}

### One side

- Each column starts with a ### subheading

### The other

- Two or three columns

## The picture {layout=figure}

![Describe the image for those who cannot see it](images/${PLACEHOLDER_IMAGE} "A caption under the image")

Source: who made the image.

## Looking ahead {layout=section}

A divider between parts of the briefing

## What to watch {fragments}

- Items appear one by one when presenting
- The PDF shows them all

## Sources {layout=sources}

- Further reading that the text does not cite
`;
}
