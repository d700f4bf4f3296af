import { isAbsolute, relative, sep } from "node:path";

/**
 * Whether `path` is `root` itself or lies under it, by their names (resolve
 * symlinks first where a link could lead out). A name that merely starts
 * with two dots (`..notes`) is inside; only `..` as a whole segment climbs.
 */
export function isWithin(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/** Whether `path` lies under `root`, and is not `root` itself. */
export function isInside(root: string, path: string): boolean {
  return relative(root, path) !== "" && isWithin(root, path);
}
