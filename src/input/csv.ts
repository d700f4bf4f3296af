import type { GridCell } from "./parse/chart-grid.js";

/**
 * Reads CSV (RFC 4180: commas, "quoted" cells, "" for a quote inside one)
 * into rows of cells that remember their line and column, so a bad value
 * is reported where it is. Blank lines are skipped. A semicolon-separated
 * file (as spreadsheets write where the decimal sign is a comma) is read too.
 */
export function parseCsv(text: string): GridCell[][] {
  const source = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const firstLine = source.slice(0, source.indexOf("\n") >= 0 ? source.indexOf("\n") : source.length);
  const delimiter = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  const rows: GridCell[][] = [];
  let row: GridCell[] = [];
  let line = 1;
  let lineStart = 0;
  let index = 0;
  while (index <= source.length) {
    const cellLine = line;
    const column = index - lineStart + 1;
    let value = "";
    if (source[index] === '"') {
      index++;
      while (index < source.length) {
        const char = source[index];
        if (char === '"' && source[index + 1] === '"') {
          value += '"';
          index += 2;
        } else if (char === '"') {
          index++;
          break;
        } else {
          if (char === "\n") {
            line++;
            lineStart = index + 1;
          }
          value += char;
          index++;
        }
      }
      // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
      while (index < source.length && source[index] !== delimiter && source[index] !== "\n") value += source[index++];
    } else {
      while (index < source.length && source[index] !== delimiter && source[index] !== "\n") value += source[index++];
    }
    row.push({ text: value.trim(), line: cellLine, column });
    const end = source[index];
    index++;
    if (end === delimiter) continue;
    if (!(row.length === 1 && row[0]?.text === "")) rows.push(row);
    row = [];
    line++;
    lineStart = index;
    if (end === undefined) break;
  }
  return rows;
}
