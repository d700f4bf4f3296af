/** A file of the output: text to write, or a file to copy. */
export type OutputFile = { path: string; text: string } | { path: string; copyFrom: string };

/**
 * A folder a deck is being written into (the build stages it beside its
 * final place). Renderers, fitting and exporters write through this and
 * never learn where the folder is or how it is committed.
 */
export interface DeckFolder {
  /** Writes or copies the files, creating their folders. */
  write(files: readonly OutputFile[]): Promise<void>;
  /** The absolute path of a file of the folder, from its POSIX path inside it. */
  path(relative: string): string;
}
