import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { zipBuild } from './import-files.test-helper.ts';
import { xlsxNumberShow, type XlsxSheet, xlsxSheetsRead } from './xlsx-grid.ts';
import { zipOpen } from './zip-safe.ts';

function sheetsOf(bytes: Uint8Array): XlsxSheet[] {
  const opened = zipOpen(bytes);
  if (!opened.ok) throw new Error(opened.reason);
  const read = xlsxSheetsRead(opened.value);
  if (!read.ok) throw new Error(read.reason);
  return read.value;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook written by hand, the way other tools write them: inline strings, no shared strings. */
function handmadeXlsx(sheets: Array<{ name: string; xml: string; hidden?: boolean }>, extra: Record<string, string> = {}): Uint8Array {
  const rels = sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('');
  const entries: Record<string, string> = {
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook ${NS}><sheets>${sheets
      .map((s, k) => `<sheet name="${s.name}" sheetId="${k + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${k + 1}"/>`)
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}${
      extra['xl/styles.xml'] ? `<Relationship Id="rS" Type="${REL}/styles" Target="styles.xml"/>` : ''
    }${extra['xl/sharedStrings.xml'] ? `<Relationship Id="rT" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>` : ''}</Relationships>`,
    ...extra,
  };
  sheets.forEach((s, k) => (entries[`xl/worksheets/sheet${k + 1}.xml`] = `<worksheet ${NS}>${s.xml}</worksheet>`));
  return zipBuild(entries);
}

describe('xlsxNumberShow: numbers written back the Vietnamese way', () => {
  it.each([
    [1250.5, 'General', '1.250,5'],
    [1250, '#,##0', '1.250'],
    [2100000, '#,##0.00', '2.100.000'],
    [56.36, '0.00', '56,36'],
    [1250.456, '0.00', '1250,46'],
    [2026, 'General', '2026'],
    [0.1 + 0.2, 'General', '0,3'],
    [1, '0%', '100%'],
    [0.955, '0.0%', '95,5%'],
    [46387, 'dd/mm/yyyy', '31/12/2026'],
    [46296, 'mm/yyyy', '10/2026'],
    [46387, 'd-mmm-yy', '31/12/2026'],
    [-12.5, '#,##0.0;[Red]-#,##0.0', '-12,5'],
    [42, '@', '42'],
  ])('%s formatted %s reads “%s”', (value, format, shown) => {
    expect(xlsxNumberShow(value, format)).toBe(shown);
  });

  it('reads dates of the 1904 date system', () => {
    expect(xlsxNumberShow(46387 - 1462, 'dd/mm/yyyy', true)).toBe('31/12/2026');
  });
});

describe('xlsxSheetsRead', () => {
  it('reads inline strings, rich text runs, Excel escapes, booleans, errors, formulas’ values and styled numbers', () => {
    const styles =
      `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0"/></numFmts>` +
      '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>' +
      '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.000"/></dxf></dxfs></styleSheet>';
    const shared =
      `<sst ${NS} count="2"><si><t>Kinh phí (trđ)</t></si>` +
      '<si><r><t>Nâng cấp </t></r><r><rPr><b/></rPr><t>hạ tầng</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh></si></sst>';
    const sheet =
      '<sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Nội dung công việc</t></is></c><c r="B1" t="s"><v>0</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>1250.55</v></c><c r="C3" s="2"><v>46387</v></c></row>' +
      '<row r="4"><c r="A4" t="inlineStr"><is><r><t>Dòng 1_x000D_</t></r><r><t xml:space="preserve">\nDòng 2</t></r></is></c><c r="B4" t="str"><f>A1</f><v>có công thức</v></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="e"><v>#N/A</v></c></row>' +
      '</sheetData>';
    const [s] = sheetsOf(handmadeXlsx([{ name: 'Phụ lục', xml: sheet }], { 'xl/styles.xml': styles, 'xl/sharedStrings.xml': shared }));
    expect(s?.grid).toEqual([
      ['Nội dung công việc', 'Kinh phí (trđ)', '', ''],
      ['Nâng cấp hạ tầng', '1.250,6', '31/12/2026', ''],
      ['Dòng 1\nDòng 2', 'có công thức', 'TRUE', '#N/A'],
    ]);
    expect(s?.rowLines).toEqual([1, 3, 4]);
  });

  it('keeps a merged range’s text in its top-left cell and blanks the cells it covers', () => {
    const sheet =
      '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>I. CHÍNH QUYỀN SỐ</t></is></c><c r="B1" t="inlineStr"><is><t>I. CHÍNH QUYỀN SỐ</t></is></c><c r="C1"/></row>' +
      '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>';
    expect(sheetsOf(handmadeXlsx([{ name: 'S', xml: sheet }]))[0]?.grid).toEqual([
      ['I. CHÍNH QUYỀN SỐ', '', ''],
      ['1', 'x', ''],
    ]);
  });

  it('lists sheets in tab order with hidden ones flagged, and places cells by their references', () => {
    const sheets = sheetsOf(
      handmadeXlsx([
        { name: 'Bìa', xml: '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row></sheetData>' },
        { name: 'Cũ', hidden: true, xml: '<sheetData/>' },
      ]),
    );
    expect(sheets.map((s) => [s.name, s.hidden, s.grid])).toEqual([
      ['Bìa', false, [['a', '', 'c']]],
      ['Cũ', true, []],
    ]);
  });

  it('drops cells beyond the 200 columns a table may have, and says so', () => {
    const [s] = sheetsOf(handmadeXlsx([{ name: 'Rộng', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row></sheetData>' }]));
    expect(s?.grid).toEqual([['1']]);
    expect(s?.notes[0]?.message).toMatch(/ngoài 200 cột đầu tiên/);
  });

  it('refuses a sheet with a DOCTYPE', () => {
    const opened = zipOpen(handmadeXlsx([{ name: 'S', xml: '<sheetData/>' }], {}));
    if (!opened.ok) throw new Error(opened.reason);
    const bad = zipOpen(
      zipBuild({
        '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        'xl/workbook.xml': '<!DOCTYPE lol [<!ENTITY lol "lol">]><workbook/>',
      }),
    );
    if (!bad.ok) throw new Error(bad.reason);
    const read = xlsxSheetsRead(bad.value);
    expect(!read.ok && read.reason).toMatch(/xl\/workbook\.xml.*DOCTYPE/);
  });

  it('reads a budget table made by exceljs: shared strings, rich text, merged section rows, formatted numbers', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Kinh phí');
    sheet.addRow(['TT', 'Nhiệm vụ chính', 'Đơn vị chủ trì', 'Kinh phí (trđ)', 'Nguồn ngân sách']);
    sheet.addRow(['I. CHÍNH QUYỀN SỐ']);
    sheet.mergeCells('A2:E2');
    sheet.addRow([1, { richText: [{ text: 'Nâng cấp ' }, { text: 'mạng LAN', font: { bold: true } }] }, 'Văn phòng HĐND và UBND xã', 1250.5, 'Ngân sách xã']);
    const formatted = sheet.addRow([2, 'Mua máy quét', 'Văn phòng HĐND và UBND xã', 56.36, 'Ngân sách tỉnh']);
    formatted.getCell(4).numFmt = '#,##0.00';
    const opened = zipOpen(new Uint8Array(await book.xlsx.writeBuffer()));
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.value.has('xl/sharedStrings.xml')).toBe(true);
    const read = xlsxSheetsRead(opened.value);
    expect(read.ok && read.value[0]?.grid).toEqual([
      ['TT', 'Nhiệm vụ chính', 'Đơn vị chủ trì', 'Kinh phí (trđ)', 'Nguồn ngân sách'],
      ['I. CHÍNH QUYỀN SỐ', '', '', '', ''],
      ['1', 'Nâng cấp mạng LAN', 'Văn phòng HĐND và UBND xã', '1.250,5', 'Ngân sách xã'],
      ['2', 'Mua máy quét', 'Văn phòng HĐND và UBND xã', '56,36', 'Ngân sách tỉnh'],
    ]);
  });
});
