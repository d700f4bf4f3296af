import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { markingLevel } from "../core/classification.js";
import { EnvironmentError } from "../core/errors.js";
import { isInside } from "../core/paths.js";

/** The project's own templates folder. */
export const BUILT_IN_TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

/** The Handlebars templates, partials and themes of one build. */
export interface TemplateSet {
  deck: Handlebars.TemplateDelegate;
  index: Handlebars.TemplateDelegate;
  handout: Handlebars.TemplateDelegate;
  /** The handout's stylesheet. */
  handoutCss: string;
  /** The index page's stylesheet. */
  indexCss: string;
  /** Theme name → CSS text. */
  themes: Map<string, string>;
  /** Every file that went into this set, for caches and watchers. */
  files: string[];
  /** Relative name (`layouts/quote.hbs`) → SHA-256 of the text compiled, for the build cache. */
  digests: Map<string, string>;
}

const loaded = new Map<string, { stamp: string; set: TemplateSet }>();

/**
 * The templates, compiled once and reused while no file of either folder
 * changed (the dev server builds on every edit; compiling is most of a
 * small deck's render time).
 */
export function loadTemplates(overrideDir?: string): TemplateSet {
  const stamp = folderStamp(overrideDir);
  const previous = loaded.get(overrideDir ?? "");
  if (previous?.stamp === stamp) return previous.set;
  const set = compileTemplates(overrideDir);
  loaded.set(overrideDir ?? "", { stamp, set });
  return set;
}

/** Names, sizes and modification times of every file that could be picked: any edit, addition or removal changes it. */
function folderStamp(overrideDir?: string): string {
  const parts: string[] = [];
  for (const root of [BUILT_IN_TEMPLATES, overrideDir]) {
    if (root === undefined) continue;
    for (const folder of ["", "partials", "layouts", "themes"]) {
      const dir = join(root, folder);
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const info = statSync(join(dir, entry.name));
        parts.push(`${dir}/${entry.name}:${info.size}:${info.mtimeMs}`);
      }
    }
  }
  return parts.join("\n");
}

/**
 * Loads the built-in templates, letting a file of the same relative name in
 * `overrideDir` replace each one. Partials are `partials/*.hbs` (by file
 * name) and `layouts/*.hbs` (as `layout-<name>`).
 */
function compileTemplates(overrideDir?: string): TemplateSet {
  if (overrideDir !== undefined && !existsSync(overrideDir)) {
    throw new EnvironmentError(`templates folder ${overrideDir} does not exist: check --templates`);
  }
  const handlebars = Handlebars.create();
  registerHelpers(handlebars);
  const files: string[] = [];
  const digests = new Map<string, string>();
  const pick = (relative: string): string => {
    const override = overrideDir === undefined ? undefined : join(overrideDir, relative);
    const chosen = override !== undefined && overrideDir !== undefined && existsSync(override) ? containedOverride(override, overrideDir) : join(BUILT_IN_TEMPLATES, relative);
    files.push(chosen);
    const text = readFileSync(chosen, "utf8");
    // Hashed from the very text compiled, so an edit during a build cannot be recorded as built.
    digests.set(relative, createHash("sha256").update(text).digest("hex"));
    return text;
  };
  const compile = (relative: string): Handlebars.TemplateDelegate =>
    handlebars.compile(pick(relative), { strict: false, noEscape: false });

  for (const folder of ["partials", "layouts"]) {
    for (const name of listNames(folder, ".hbs", overrideDir)) {
      const partialName = folder === "layouts" ? `layout-${name}` : name;
      // Compiled once here: a partial registered as text is recompiled on every use.
      handlebars.registerPartial(partialName, handlebars.compile(pick(`${folder}/${name}.hbs`)));
    }
  }
  const themes = new Map<string, string>();
  for (const name of listNames("themes", ".css", overrideDir)) themes.set(name, pick(`themes/${name}.css`));
  return { deck: compile("deck.hbs"), index: compile("index.hbs"), indexCss: pick("index.css"), handout: compile("handout.hbs"), handoutCss: pick("handout.css"), themes, files, digests };
}

/**
 * An override is read only when it is a regular file inside the override
 * folder once symlinks are followed: a shared templates folder must not
 * pull in files from elsewhere on the machine.
 */
function containedOverride(path: string, overrideDir: string): string {
  const real = realpathSync(path);
  if (!isInside(realpathSync(overrideDir), real)) {
    throw new EnvironmentError(`template ${path} points outside the templates folder ${overrideDir} (a symlink?): copy the file into the folder instead`);
  }
  if (!statSync(real).isFile()) throw new EnvironmentError(`template ${path} is not a regular file: replace it with the template file itself`);
  return path;
}

/** Names (without extension) found in a folder of the built-ins or the overrides. */
function listNames(folder: string, extension: string, overrideDir?: string): string[] {
  const names = new Set<string>();
  for (const root of [BUILT_IN_TEMPLATES, overrideDir]) {
    if (root === undefined) continue;
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      if (file.endsWith(extension)) names.add(basename(file, extension));
    }
  }
  return [...names].sort();
}

function registerHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  // The banner's colour class: `{{marking meta.classification}}` → "secret".
  handlebars.registerHelper("marking", (value: unknown) => markingLevel(typeof value === "string" ? value : ""));
  handlebars.registerHelper("gt", (a: unknown, b: unknown) => Number(a) > Number(b));
  handlebars.registerHelper("json", (value: unknown) =>
    // Safe inside <script>: no "</script>" or HTML comment can close it.
    new Handlebars.SafeString(JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")),
  );
}
