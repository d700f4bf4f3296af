import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CONTENT, EXAMPLE_SLUG, ROOT, temporaryFolder } from "./support/files.js";

/** The newest modification time under a folder. */
function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));
}

/**
 * Another project that depends on briefdeck: it imports the package by name,
 * through package.json's `exports`, as an installed copy would.
 */
describe("the programmatic API, from another project", () => {
  const project = temporaryFolder("briefdeck-api-");

  beforeAll(() => {
    // The package is used compiled, as published: compile when lib/ is older than src/.
    if (!existsSync(join(ROOT, "lib", "index.d.ts")) || newest(join(ROOT, "src")) > newest(join(ROOT, "lib"))) {
      execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.json")]);
    }
    mkdirSync(join(project.path, "node_modules"));
    symlinkSync(ROOT, join(project.path, "node_modules", "briefdeck"), "dir");
    writeFileSync(join(project.path, "package.json"), JSON.stringify({ name: "uses-briefdeck", private: true, type: "module" }));
  }, 120_000);
  afterAll(() => project.remove());

  it("builds and checks through `import { build, check } from \"briefdeck\"`", () => {
    const script = `
      import { build, check, formatDiagnostic } from "briefdeck";
      const checked = await check({ contentDir: ${JSON.stringify(EXAMPLE_CONTENT)} });
      const built = await build({ contentDir: ${JSON.stringify(EXAMPLE_CONTENT)}, outDir: "dist", pdf: false });
      console.log(JSON.stringify({
        checked: checked.outcomes.map((o) => [o.slug, o.ok]),
        errors: [...checked.diagnostics, ...built.diagnostics].filter((d) => d.severity === "error").map(formatDiagnostic),
        built: built.outcomes.map((o) => [o.slug, o.ok, o.slides > 0]),
        index: built.indexPath !== undefined,
      }));
    `;
    writeFileSync(join(project.path, "use.mjs"), script);
    const result = JSON.parse(execFileSync(process.execPath, ["use.mjs"], { cwd: project.path, encoding: "utf8" })) as Record<string, unknown>;
    expect(result.errors).toEqual([]);
    expect(result.checked).toContainEqual([EXAMPLE_SLUG, true]);
    expect(result.built).toContainEqual([EXAMPLE_SLUG, true, true]);
    expect(result.index).toBe(true);
    expect(readFileSync(join(project.path, "dist", EXAMPLE_SLUG, "index.html"), "utf8")).toContain("<section");
  });

  it("gives TypeScript the types, through `exports`", () => {
    writeFileSync(join(project.path, "typed.ts"), `
      import { build, check } from "briefdeck";
      import type { BuildOptions, BuildReport } from "briefdeck";
      const options: BuildOptions = { contentDir: "content", outDir: "dist", pdf: false };
      const report: Promise<BuildReport> = build(options);
      const checked: Promise<BuildReport> = check({ contentDir: "content", strict: true });
      // @ts-expect-error outDir must be a string
      void build({ contentDir: "content", outDir: 1, pdf: false });
      void report; void checked;
    `);
    writeFileSync(join(project.path, "tsconfig.json"), JSON.stringify({
      compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ["typed.ts"],
    }));
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    // Throws, with tsc's messages, when a type does not resolve or does not fit.
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project.path, encoding: "utf8" });
  });
});
