import { posix } from "node:path";

export type ImagePathResult =
  | { ok: true; contentPath: string }
  | { ok: false; message: string };

/**
 * Resolves an image reference written in a briefing to a path inside the
 * content folder, purely lexically (the file system is checked later).
 * Remote images are refused: a deck must work with no network.
 */
export function resolveImagePath(href: string, baseDir: string, what = "image"): ImagePathResult {
  return reworded(resolvePath(href, baseDir), what);
}

function reworded(result: ImagePathResult, what: string): ImagePathResult {
  if (result.ok || what === "image") return result;
  return { ok: false, message: result.message.replace(/^image/, what).replace("save the image", `save the ${what}`).replace("![alt text](images/file.png)", "data=file.csv") };
}

function resolvePath(href: string, baseDir: string): ImagePathResult {
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
    // Not valid percent-encoding: read as written, and refused below for its "%".
    decoded = trimmed;
  }
  // eslint-disable-next-line no-control-regex -- control characters (NUL above all) are what is refused
  if (/[\u0000-\u001f\u007f]/.test(decoded)) {
    return { ok: false, message: `image "${printable(trimmed)}" has a control character in its path: rename the file with plain letters, digits, - and _` };
  }
  // A "%" left after decoding was encoded twice; the browser would decode it again (%252e%252e → ..).
  if (decoded.includes("%")) {
    return { ok: false, message: `image "${trimmed}" has a % in its path once decoded: rename the file without %, and write the path as it is` };
  }
  const slashed = decoded.replace(/\\/g, "/");
  if (slashed.startsWith("/") || /^[a-z]:\//i.test(slashed)) {
    return { ok: false, message: `image "${trimmed}" is an absolute path: use a path relative to the briefing, inside content/` };
  }
  const contentPath = posix.normalize(posix.join(baseDir, slashed));
  if (contentPath === ".." || contentPath.startsWith("../") || contentPath === ".") {
    return { ok: false, message: `image "${trimmed}" is outside content/: copy it into the content folder and use a relative path` };
  }
  return { ok: true, contentPath };
}

/** Control characters shown as escapes, so a message cannot hide or rewrite terminal text. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is being escaped
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
