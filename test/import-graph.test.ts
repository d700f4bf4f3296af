import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layers of src/, lowest first. A module may import from its own folder
 * or from a lower layer, never from a higher one or a sibling of the same
 * rank: the code reads from the bottom up and has no import loop.
 */
const LAYERS: string[][] = [
  ["core"],
  ["input"],
  ["render"],
  ["fit", "offline", "charts"],
  ["exporters"],
  ["output"],
  ["build"],
  ["dev"],
  ["cli"],
  ["index.ts"],
];

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every relative import of a file (static, type-only, re-exports and dynamic), as files of src/. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => resolve(dirname(file), name.replace(/\.js$/, ".ts")));
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string): string => relative(SRC, file).split(sep).join("/");

/** The layer of a file: its top folder under src/ (or the file itself at the top). */
function rank(file: string): number {
  const top = name(file).split("/")[0] ?? "";
  const index = LAYERS.findIndex((layer) => layer.includes(top));
  if (index === -1) throw new Error(`src/${top} belongs to no layer: add it to LAYERS in test/import-graph.test.ts`);
  return index;
}

/** Import loops, each as the list of files around it (Tarjan's strongly connected components). */
function cycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(name(member));
      if (member === file) break;
    }
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe("the import graph of src/", () => {
  it("resolves every relative import to a file of src/", () => {
    const missing = [...graph].flatMap(([file, imports]) => imports.filter((target) => !graph.has(target)).map((target) => `${name(file)} → ${target}`));
    expect(missing).toEqual([]);
  });

  it("has no import loop", () => {
    expect(cycles()).toEqual([]);
  });

  it("imports only downward between layers", () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => graph.has(target))
        .filter((target) => {
          const sameFolder = name(target).split("/")[0] === name(file).split("/")[0];
          return !sameFolder && rank(target) >= rank(file);
        })
        .map((target) => `${name(file)} → ${name(target)}`),
    );
    expect(upward).toEqual([]);
  });
});
