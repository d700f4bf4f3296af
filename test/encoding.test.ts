import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.js";
import { formatDiagnostic } from "../src/core/diagnostics.js";
import { decodeSource, firstInvalidUtf8 } from "../src/input/encoding.js";
import { temporaryFolder } from "./support/files.js";
import { SAYS_WHAT_TO_DO } from "./support/parse.js";

const folder = temporaryFolder();
afterAll(() => folder.remove());

/** Writes one briefing's bytes into a fresh content folder and checks it as `briefdeck check` does. */
async function checkBytes(name: string, bytes: Uint8Array): Promise<string[]> {
  const content = join(folder.path, name);
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, `${name}.md`), bytes);
  const report = await build({ contentDir: content, outDir: join(folder.path, `${name}-out`), pdf: false, checkOnly: true });
  return report.diagnostics.map(formatDiagnostic).map((line) => line.slice(line.indexOf(`${name}.md:`)));
}

const FRONT = "---\ntitle: Encodings\ndate: 2026-01-08\n---\n\n## Members\n\n";

describe("a briefing's encoding", () => {
  it("Windows-1252 bytes: an error at the first bad byte's line and column that says how to re-save", async () => {
    // "Türkiye" and "Café" as Windows-1252 writes them: single bytes 0xFC and 0xE9.
    const text = Buffer.concat([Buffer.from(`${FRONT}Azerbaijan and T`), Buffer.from([0xfc]), Buffer.from("rkiye at the caf"), Buffer.from([0xe9]), Buffer.from(".\n")]);
    const lines = await checkBytes("cp1252", text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cp1252\.md:8:17: error: invalid UTF-8 \(byte 0xFC\): .*Windows-1252.*re-save it as UTF-8/);
    expect(lines[0]?.split(": error: ")[1]).toMatch(SAYS_WHAT_TO_DO);
  });

  it("counts the column in characters, after multi-byte letters on the same line", async () => {
    const text = Buffer.concat([Buffer.from(`${FRONT}Qazaqstan — Қазақстан `), Buffer.from([0xc3, 0x28])]);
    expect(await checkBytes("column", text)).toEqual([expect.stringMatching(/column\.md:8:23: error: invalid UTF-8 \(byte 0xC3\)/)]);
  });

  it.each([
    ["utf16le-bom", "UTF-16 LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FRONT, "utf16le")])],
    ["utf16be-bom", "UTF-16 BE", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(FRONT, "utf16le").swap16()])],
    ["utf16le-bare", "UTF-16 LE", Buffer.from(FRONT, "utf16le")],
  ])("%s: refused at 1:1, naming the encoding", async (name, kind, bytes) => {
    const lines = await checkBytes(name, bytes);
    expect(lines).toEqual([`${name}.md:1:1: error: the file is saved as ${kind}, not UTF-8: re-save it as UTF-8 (VS Code: click the encoding in the status bar, "Save with Encoding", UTF-8; Notepad: "Save as", Encoding: UTF-8)`]);
  });

  it("a UTF-8 byte-order mark and CRLF line endings are accepted, with problems at their true lines and columns", async () => {
    const crlf = `\uFEFF${FRONT}Text.\n\n## Quote {layout=qoute}\n\nMore text with [^x].\n`.replace(/\n/g, "\r\n");
    const lines = await checkBytes("bom-crlf", Buffer.from(crlf, "utf8"));
    expect(lines).toEqual([
      'bom-crlf.md:10:11: error: unknown layout "qoute" (did you mean "quote"?); use one of: text, summary, quote, timeline, stats, columns, figure, chart, section, sources',
      'bom-crlf.md:12:16: error: footnote [^x] has no definition: add a line "[^x]: source text"',
    ]);
  });

  it("finds the same first bad byte as a strict decoder, on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const bad = firstInvalidUtf8(bytes);
        const strict = new TextDecoder("utf-8", { fatal: true });
        if (bad === undefined) {
          expect(() => strict.decode(bytes)).not.toThrow();
        } else {
          expect(() => strict.decode(bytes.subarray(0, bad))).not.toThrow();
          expect(() => strict.decode(bytes)).toThrow();
        }
      }),
      { numRuns: 2000 },
    );
    expect(decodeSource(Buffer.from("ə ğ ş Ә Қ 中 😀", "utf8"))).toEqual({ ok: true, text: "ə ğ ş Ә Қ 中 😀" });
    // The byte-order mark is dropped, not read as text.
    expect(decodeSource(Buffer.from("\uFEFFplain", "utf8"))).toEqual({ ok: true, text: "plain" });
  });
});
