/**
 * Labels under the review chart's columns, wrapped to the column's width: an SVG text does not
 * wrap by itself, and "Chưa rõ thời hạn" beside "Thường xuyên" in narrow columns ran into each
 * other. Widths are estimated from the character count (bold Vietnamese at ~0.62 em a letter,
 * on the safe side); a word longer than a line is cut with "…" (the full label stays in the
 * column's title).
 */

/** Width of one letter of the chart's labels, in em (generous: the estimate must not be short). */
const LETTER_EM = 0.62;

/** The label in lines of at most `width` user units at `fontSize`, at most `maxLines` lines. */
export function chartLabelLines(label: string, width: number, fontSize: number, maxLines = 3): string[] {
  const perLine = Math.max(2, Math.floor(width / (fontSize * LETTER_EM)));
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (joined.length <= perLine) line = joined;
    else {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const fitted = lines.map((l) => (l.length > perLine ? `${l.slice(0, perLine - 1)}…` : l));
  if (fitted.length <= maxLines) return fitted;
  const kept = fitted.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = last.length < perLine ? `${last}…` : `${last.slice(0, perLine - 1)}…`;
  return kept;
}
