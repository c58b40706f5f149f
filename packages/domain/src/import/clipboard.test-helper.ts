/**
 * Test-only: a cell grid written out the way Excel, Word and CSV exporters write it, so the
 * importers can be checked on every format from the same real fixture tables.
 */

/** Excel's TSV: cells with a line break, tab or leading quote in quotes, quotes doubled. */
export function gridToExcelTsv(grid: readonly (readonly string[])[]): string {
  const cell = (c: string): string => (/[\t\n]/.test(c) || c.startsWith('"') ? `"${c.replaceAll('"', '""')}"` : c);
  return grid.map((row) => row.map(cell).join('\t')).join('\r\n') + '\r\n';
}

/** RFC 4180 CSV with a BOM and CRLF, as spreadsheet exports write it. */
export function gridToCsv(grid: readonly (readonly string[])[], delimiter: ',' | ';' = ','): string {
  const cell = (c: string): string =>
    c.includes(delimiter) || /["\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c;
  return '\uFEFF' + grid.map((row) => row.map(cell).join(delimiter)).join('\r\n') + '\r\n';
}

/** Text as Word escapes it: markup characters, and some letters as numeric references. */
function wordEscape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\u2013', '&#8211;')
    .replaceAll('\u2265', '&ge;')
    .replaceAll('\u201C', '&ldquo;')
    .replaceAll('\u201D', '&#x201D;')
    .replaceAll('ệ', '&#7879;')
    .replaceAll('ố', '&#x1ED1;');
}

/** Word wraps its HTML source at spaces: a long line becomes several source lines. */
function wordWrap(text: string): string {
  let count = 0;
  return text.replace(/ /g, () => {
    count += 1;
    return count % 6 === 0 ? '\r\n  ' : ' ';
  });
}

function wordParagraphs(text: string, bold: boolean): string {
  if (text === '') return "<p class=MsoNormal><span lang=VI style='font-size:12.0pt'><o:p>&nbsp;</o:p></span></p>";
  return text
    .split('\n')
    .map((line) => {
      const inner = wordWrap(wordEscape(line));
      const run = `<span lang=VI style='font-size:12.0pt;mso-ansi-language:VI'>${inner}<o:p></o:p></span>`;
      return `<p class=MsoNormal style='margin-top:3.0pt;text-align:justify'>${bold ? `<b>${run}</b>` : run}</p>`;
    })
    .join('\r\n  ');
}

const WORD_HEAD = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<title>Phụ lục STT Nội dung</title>
<!--[if gte mso 9]><xml>
 <w:WordDocument><w:View>Normal</w:View><w:Zoom>0</w:Zoom></w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face {font-family:"Times New Roman"; panose-1:2 2 6 3 5 4 5 2 3 4;}
 p.MsoNormal, li.MsoNormal, div.MsoNormal {mso-style-parent:""; margin:0cm; font-size:12.0pt;}
 td.fake:before {content:"<td>STT</td><td>Nhiệm vụ</td>"}
-->
</style>
<script>var cells = "<table><tr><td>STT</td><td>Nhiệm vụ</td></tr></table>";</script>
</head>
<body lang=EN-US style='tab-interval:36.0pt'>
<!--StartFragment-->
<p class=MsoNormal align=center style='text-align:center'><b>PHỤ LỤC<o:p></o:p></b></p>
`;

/**
 * Word's clipboard HTML for a table: Windows clipboard header, <head> with XML islands and
 * styles, conditional comments, cells as MsoNormal paragraphs (an empty one as &nbsp;), section
 * rows (only a first cell filled) merged into one colspan cell, and Word's trailing
 * "misaligned columns" row of empty cells.
 */
export function gridToWordHtml(grid: readonly (readonly string[])[]): string {
  const width = Math.max(...grid.map((r) => r.length));
  const rows = grid.map((row, r) => {
    const filled = row.filter((c) => c !== '');
    const merged = filled.length === 1 && row[0] !== '' && r > 0;
    const td = (text: string, attrs: string, bold: boolean): string =>
      `  <td ${attrs} valign=top style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>\r\n  ${wordParagraphs(text, bold)}\r\n  </td>`;
    const cells = merged
      ? [td(row[0] ?? '', `width=900 colspan=${width}`, true)]
      : row.map((c, k) => td(c, `width=${60 + 10 * k}`, r === 0));
    return ` <tr style='mso-yfti-irow:${r}${r === 0 ? ';mso-yfti-firstrow:yes' : ''}'>\r\n${cells.join('\r\n')}\r\n </tr>`;
  });
  const misaligned = `<![if !supportMisalignedColumns]>\r\n <tr height=0>\r\n${Array.from({ length: width }, () => "  <td width=60 style='border:none'></td>").join('\r\n')}\r\n </tr>\r\n<![endif]>`;
  const body =
    `${WORD_HEAD}<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0\r\n style='border-collapse:collapse;border:none;mso-yfti-tbllook:1184'>\r\n` +
    `${rows.join('\r\n')}\r\n${misaligned}\r\n</table>\r\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\r\n<!--EndFragment-->\r\n</body>\r\n</html>`;
  const header = 'Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000099999\r\nStartFragment:0000000141\r\nEndFragment:0000099999\r\n';
  return header + body;
}

/** Excel's clipboard HTML: <col> widths, `x:str`/`x:num` cells, in-cell breaks as <br>. */
export function gridToExcelHtml(grid: readonly (readonly string[])[]): string {
  const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const rows = grid.map((row) => {
    const cells = row.map((c) => {
      if (c === '') return '  <td class=xl65></td>';
      const kind = /^\d+$/.test(c) ? 'x:num' : 'x:str';
      const text = escape(c).replaceAll('\n', "<br style='mso-data-placement:same-cell'>\r\n    ");
      return `  <td class=xl66 width=120 style='width:90pt' ${kind}>${text}</td>`;
    });
    return ` <tr height=40 style='height:30.0pt'>\r\n${cells.join('\r\n')}\r\n </tr>`;
  });
  return (
    '<html xmlns:v="urn:schemas-microsoft-com:vml"\r\nxmlns:o="urn:schemas-microsoft-com:office:office"\r\n' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel"\r\nxmlns="http://www.w3.org/TR/REC-html40">\r\n<head>\r\n' +
    '<meta http-equiv=Content-Type content="text/html; charset=utf-8">\r\n<meta name=Generator content="Microsoft Excel 15">\r\n' +
    '<style>\r\n<!--table\r\n\t{mso-displayed-decimal-separator:"\\,";\r\n\tmso-displayed-thousand-separator:"\\.";}\r\n' +
    '.xl66\r\n\t{mso-style-parent:style0;\r\n\twhite-space:normal;}\r\n-->\r\n</style>\r\n</head>\r\n\r\n<body link="#0563C1" vlink="#954F72">\r\n\r\n' +
    "<table border=0 cellpadding=0 cellspacing=0 width=1080 style='border-collapse:\r\n collapse;width:810pt'>\r\n" +
    "<!--StartFragment-->\r\n <col width=40 style='mso-width-source:userset;width:30pt'>\r\n" +
    `${rows.join('\r\n')}\r\n<!--EndFragment-->\r\n</table>\r\n\r\n</body>\r\n\r\n</html>\r\n`
  );
}

/** An appendix table as a grid and the rows an import must give back for it. */
export interface GridWithRows {
  /** Header row(s) first, then the body; every row as wide as the table. */
  grid: string[][];
  /** How many leading rows are the header. */
  headerRows: number;
  rows: Array<{ kind: 'section'; label: string } | { kind: 'item'; cells: Record<string, string> }>;
}

const ASSIGNMENT_SECTIONS: ReadonlyArray<[number, string]> = [
  [0, 'CHÍNH QUYỀN SỐ'],
  [10, 'KINH TẾ SỐ'],
  [16, 'XÃ HỘI SỐ'],
];

/**
 * A task-assignment table with the two-row header of real plans — a merged "Cơ quan thực hiện"
 * over "Chủ trì | Phối hợp", the other header cells merged down — made from the Tân Kỳ tasks
 * (`tasks`: the fixture's rows, header first): sections I–III, numbering continuing across them,
 * bullet lines ("- …") in the product cells, and both header rows repeated where a page breaks.
 */
export function assignmentStackedGrid(tasks: readonly (readonly string[])[]): GridWithRows {
  const top = ['STT', 'Nhiệm vụ', 'Cơ quan thực hiện', '', 'Sản phẩm', 'Thời gian hoàn thành'];
  const sub = ['', '', 'Chủ trì', 'Phối hợp', '', ''];
  const grid: string[][] = [top, sub];
  const rows: GridWithRows['rows'] = [];
  tasks.slice(1).forEach((source, k) => {
    const section = ASSIGNMENT_SECTIONS.find(([at]) => at === k);
    if (section) {
      const numeral = ['I', 'II', 'III'][ASSIGNMENT_SECTIONS.indexOf(section)] ?? 'I';
      grid.push([`${numeral}. ${section[1]}`, '', '', '', '', '']);
      rows.push({ kind: 'section', label: section[1] });
    }
    if (k === 12) grid.push([...top], [...sub]);
    const [, task = '', lead = '', cooperating = '', timeframe = ''] = source;
    const output = k % 3 === 0 ? `- Kế hoạch, văn bản triển khai\n- Báo cáo kết quả thực hiện nhiệm vụ ${k + 1}` : `Báo cáo kết quả nhiệm vụ ${k + 1}`;
    grid.push([String(k + 1), task, lead, cooperating, output, timeframe]);
    rows.push({ kind: 'item', cells: { task, lead, cooperating, output, timeframe } });
  });
  return { grid, headerRows: 2, rows };
}

/** The amounts of the budget table (million VND): 14 of them, 9.200 in all. */
export const BUDGET_AMOUNTS = ['1.250', '800', '500', '1.000', '350', '700', '56,36', '443,64', '600', '1.500', '300', '200', '1.000', '500'] as const;

/**
 * A "tasks with budget" table (TT · Nhiệm vụ chính · … · Kinh phí (trđ) · Nguồn ngân sách) of 14
 * items made from the Tân Kỳ tasks, amounts written the Vietnamese way, two sections, and the
 * "Tổng cộng 9.200" row at the end that exports print.
 */
export function budgetGrid(tasks: readonly (readonly string[])[]): GridWithRows {
  const header = ['TT', 'Nhiệm vụ chính', 'Mục tiêu/chỉ tiêu/kết quả đạt được', 'Thời gian triển khai/hoàn thành', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kinh phí (trđ)', 'Nguồn ngân sách'];
  const grid: string[][] = [header];
  const rows: GridWithRows['rows'] = [];
  tasks.slice(1, 1 + BUDGET_AMOUNTS.length).forEach((source, k) => {
    if (k === 0 || k === 8) {
      const label = k === 0 ? 'CHÍNH QUYỀN SỐ' : 'KINH TẾ SỐ VÀ XÃ HỘI SỐ';
      grid.push([`${k === 0 ? 'I' : 'II'}. ${label}`, '', '', '', '', '', '', '']);
      rows.push({ kind: 'section', label });
    }
    const [, task = '', lead = '', cooperating = '', timeframe = ''] = source;
    const budget = BUDGET_AMOUNTS[k] ?? '';
    const output = `Hoàn thành nhiệm vụ ${k + 1}, có báo cáo kết quả`;
    const fundingSource = k % 4 === 3 ? 'Ngân sách tỉnh' : 'Ngân sách xã';
    grid.push([String(k < 8 ? k + 1 : k - 7), task, output, timeframe, lead, cooperating, budget, fundingSource]);
    rows.push({ kind: 'item', cells: { task, output, timeframe, lead, cooperating, budget, fundingSource } });
  });
  grid.push(['Tổng cộng', '', '', '', '', '', '9.200', '']);
  return { grid, headerRows: 1, rows };
}

/** HTML escaping for the clipboard builders below. */
function htmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').split('\n').join('<br>');
}

/**
 * Clipboard HTML of a grid whose first `headerRows` (1 or 2) rows are its header, spans written
 * as Word and Excel write them. In a two-row header (and wherever it repeats), a top cell
 * followed by blank cells over filled sub-headers spans them (colspan), one with nothing under it
 * spans down (rowspan), and the sub-header row holds only its own cells; section rows (only
 * "I. …" filled) span the table.
 */
export function gridToSpannedHtml(grid: readonly (readonly string[])[], headerRows: number): string {
  const width = Math.max(...grid.map((r) => r.length));
  const top = grid[0] ?? [];
  const sub = headerRows > 1 ? (grid[1] ?? []) : [];
  const same = (a: readonly string[] | undefined, b: readonly string[]): boolean => a !== undefined && a.length === b.length && a.every((c, k) => c === b[k]);
  const out: string[] = [];
  for (let r = 0; r < grid.length; r += 1) {
    const row = grid[r] ?? [];
    const cells: string[] = [];
    if (headerRows > 1 && same(row, top) && same(grid[r + 1], sub)) {
      for (let k = 0; k < width; k += 1) {
        const text = row[k] ?? '';
        if (text === '') continue;
        let span = 1;
        while (k + span < width && (row[k + span] ?? '') === '' && (sub[k + span] ?? '') !== '') span += 1;
        const attrs = span > 1 ? ` colspan="${span}"` : (sub[k] ?? '') === '' ? ' rowspan="2"' : '';
        cells.push(`<th${attrs}>${htmlText(text)}</th>`);
      }
    } else if (headerRows > 1 && r > 0 && same(row, sub) && same(grid[r - 1], top)) {
      for (const text of row) if (text !== '') cells.push(`<th>${htmlText(text)}</th>`);
    } else if (/^[IVX]+\.\s/.test(row[0] ?? '') && row.slice(1).every((c) => c === '')) {
      cells.push(`<td colspan="${width}"><b>${htmlText(row[0] ?? '')}</b></td>`);
    } else {
      for (let k = 0; k < width; k += 1) cells.push(`<td>${htmlText(row[k] ?? '')}</td>`);
    }
    out.push(`<tr>${cells.join('')}</tr>`);
  }
  return `<html><body><p><b>PHỤ LỤC</b></p><table border="1">${out.join('')}</table></body></html>`;
}
