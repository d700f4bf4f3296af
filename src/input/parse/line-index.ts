/**
 * Line numbers of offsets in one text, found by binary search over the
 * newline positions. Counting newlines from the start for every token made
 * positions quadratic on huge sections (a 10 MB line, 10,000 list items).
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** 0-based line of `offset` (number of newlines before it). */
  lineOf(offset: number): number {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Offset where the line holding `offset` starts. */
  lineStart(offset: number): number {
    return this.lineStarts()[this.lineOf(offset)] ?? 0;
  }

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let index = this.text.indexOf("\n"); index >= 0; index = this.text.indexOf("\n", index + 1)) starts.push(index + 1);
    this.starts = starts;
    return starts;
  }
}
