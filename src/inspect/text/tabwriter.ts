/**
 * Go's `text/tabwriter` (flags 0, padchar ' '), reimplemented for byte-identical istioctl tables.
 *
 * Semantics (from the package documentation): a cell is tab-terminated text; the text after the
 * last tab of a line is not a column cell and is written as-is. A column block is a run of
 * consecutive lines that have a cell in that column; each cell of the block is padded to the
 * block's widest cell + `padding` (width = Unicode code points, never less than `minwidth`).
 * A line with a single cell ends all blocks (Go flushes there), so blank lines reset widths.
 */
export interface TabwriterOptions {
  readonly minwidth?: number;
  readonly padding: number;
}

const width = (s: string): number => [...s].length;

export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines = text.split('\n');
  const trailingNewline = lines.length > 1 && lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  let out = '';
  let segment: string[][] = [];
  const flush = (): void => {
    if (segment.length) out += formatBlock(segment, opts);
    segment = [];
  };
  for (const line of lines) {
    const cells = line.split('\t');
    segment.push(cells);
    if (cells.length === 1) flush();
  }
  flush();
  // formatBlock terminates every line with \n; drop the last one if the input did not end with it.
  return trailingNewline ? out : out.slice(0, -1);
}

/** Go's recursive `format`: widths of column `widths.length` computed per block of lines. */
function formatBlock(lines: string[][], opts: TabwriterOptions): string {
  let out = '';
  const widths: number[] = [];
  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j]!;
        out += c;
        if (j < widths.length) out += ' '.repeat(Math.max(0, widths[j]! - width(c)));
      }
      out += '\n';
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = opts.minwidth ?? 0;
      for (; t < line1; t++) {
        const cells = lines[t]!;
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column]!) + opts.padding);
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--; // the outer loop's t++ resumes at the line that ended the block
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out;
}

/** Build the tab-separated text for a table: one row per array, cells joined by tabs. */
export function table(rows: readonly (readonly string[])[], padding: number): string {
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', { padding });
}
