/**
 * Classification markings and the banner colour each one takes, following
 * the common convention: unclassified, public and official green,
 * confidential blue, secret red, top secret orange. A marking briefdeck
 * does not recognise gets a neutral banner rather than a misleading colour.
 */

export const MARKING_LEVELS = ["unclassified", "confidential", "secret", "top-secret", "unknown"] as const;

export type MarkingLevel = (typeof MARKING_LEVELS)[number];

/** Checked in this order: the most restrictive word in a marking decides ("TOP SECRET//NOFORN" is top secret). */
const PATTERNS: [MarkingLevel, RegExp][] = [
  ["top-secret", /\b(?:TOP[\s_-]*SECRET|TR[EÈ]S[\s_-]+SECRET|COSMIC[\s_-]+TOP[\s_-]+SECRET)\b|^TS(?:\/\/|$)/u],
  ["secret", /\bSECRET\b|^S(?:\/\/|$)/u],
  ["confidential", /\bCONFIDENTI(?:AL|EL)\b|^C(?:\/\/|$)/u],
  ["unclassified", /\b(?:UNCLASSIFIED|PUBLIC|OFFICIAL|NON[\s_-]*CLASSIFI[EÉ])\b|^U(?:\/\/|$)/u],
];

/** The level a marking such as "SECRET//REL TO GBR" stands for; "unknown" when it is none of the known ones. */
export function markingLevel(marking: string): MarkingLevel {
  const text = marking.normalize("NFC").toUpperCase().trim();
  for (const [level, pattern] of PATTERNS) if (pattern.test(text)) return level;
  return "unknown";
}
