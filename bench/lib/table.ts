/** Markdown tables for the console and BENCHMARKS.md. */

export type Cell = string | number | null | undefined;

/** Formats a number with `digits` decimals; "–" for a missing or non-finite value. */
export function fmt(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

/** A ratio a/b as "1.23×" ("–" when either side is missing or b is 0). */
export function ratio(a: number | null | undefined, b: number | null | undefined, digits = 2): string {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  return `${(a / b).toFixed(digits)}×`;
}

/** A markdown table with a title line; numbers right-aligned. */
export function tableMarkdown(title: string, header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => header.map((_, i) => cellText(r[i])));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] as string).length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[-–\d.,×%→ ]+$/.test(cellText(r[i]))));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [`### ${title}`, '', line(header), rule, ...text.map(line), ''].join('\n');
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '–';
  return typeof cell === 'number' ? String(cell) : cell;
}
