import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { OutputFile } from "../core/files.js";

/**
 * Whether `folder` already holds exactly these files: texts equal, copies of
 * the same size as their source. Lets a build leave shared files (the index
 * page's fonts and stylesheet) alone instead of rewriting them every time.
 */
export async function holdsSameFiles(folder: string, files: readonly OutputFile[]): Promise<boolean> {
  try {
    const same = await Promise.all(files.map(async (file) => {
      const target = join(folder, ...file.path.split("/"));
      if ("text" in file) return (await readFile(target, "utf8")) === file.text;
      const [written, source] = await Promise.all([stat(target), stat(file.copyFrom)]);
      return written.isFile() && written.size === source.size;
    }));
    return same.every(Boolean);
  } catch (error) {
    // A file missing (first build, folder deleted) just means: write them.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return false;
    throw error;
  }
}
