import { posix } from "node:path";

export type ImagePathResult =
  | { ok: true; contentPath: string }
  | { ok: false; message: string };

/**
 * Resolves an image reference written in a briefing to a path inside the
 * content folder, purely lexically (the file system is checked later).
 * Remote images are refused: a deck must work with no network.
 */
export function resolveImagePath(href: string, baseDir: string): ImagePathResult {
  const trimmed = href.trim();
  if (trimmed === "") return { ok: false, message: "image has no path: write ![alt text](images/file.png)" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[a-z]:[\\/]/i.test(trimmed) || trimmed.startsWith("//")) {
    return {
      ok: false,
      message: `image "${trimmed}" is not a local file: decks must work offline, so save the image inside content/ and use its relative path`,
    };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch {
    decoded = trimmed;
  }
  const slashed = decoded.replace(/\\/g, "/");
  if (slashed.startsWith("/") || /^[a-z]:\//i.test(slashed) || slashed.includes("\0")) {
    return { ok: false, message: `image "${trimmed}" is an absolute path: use a path relative to the briefing, inside content/` };
  }
  const contentPath = posix.normalize(posix.join(baseDir, slashed));
  if (contentPath === ".." || contentPath.startsWith("../") || contentPath === ".") {
    return { ok: false, message: `image "${trimmed}" is outside content/: copy it into the content folder and use a relative path` };
  }
  return { ok: true, contentPath };
}
