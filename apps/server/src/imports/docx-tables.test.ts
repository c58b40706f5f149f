import { describe, expect, it } from 'vitest';
import { docxAppendixTables, DocxNumbering, type DocxTable, docxTablesRead } from './docx-tables.ts';
import { documentXml, tblXml } from './import-files.test-helper.ts';

function tables(body: string, numbering?: DocxNumbering): DocxTable[] {
  const read = docxTablesRead(documentXml(body), numbering);
  if (!read.ok) throw new Error(read.reason);
  return read.value;
}

const HEADER = ['STT', 'Nội dung công việc', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn'];
const p = (text: string): string => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (inner: string, props = ''): string => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${inner}</w:tc>`;

describe('docxTablesRead: cells as Word shows them', () => {
  it('joins a cell’s paragraphs with line breaks and reads w:br and w:tab', () => {
    const [t] = tables(
      `<w:tbl><w:tr>${tc(p('Dòng một') + '<w:p><w:r><w:t>Dòng</w:t><w:tab/><w:t>hai</w:t><w:br/><w:t>ba</w:t></w:r></w:p>')}</w:tr></w:tbl>`,
    );
    expect(t?.grid).toEqual([['Dòng một\nDòng hai\nba']]);
  });

  it('collapses white space and drops empty paragraphs at the ends, like the clipboard HTML import', () => {
    const [t] = tables(`<w:tbl><w:tr>${tc('<w:p/>' + p('  Quý   I/2026 ') + '<w:p/><w:p><w:r><w:t>\u00A0</w:t></w:r></w:p>')}</w:tr></w:tbl>`);
    expect(t?.grid).toEqual([['Quý I/2026']]);
  });

  it('lays out w:gridSpan and w:vMerge like HTML spans: text in the first slot, "" in the covered ones', () => {
    const [t] = tables(
      '<w:tbl>' +
        `<w:tr>${tc(p('I. CHÍNH QUYỀN SỐ'), '<w:gridSpan w:val="3"/>')}</w:tr>` +
        `<w:tr>${tc(p('1'))}${tc(p('Phòng Kinh tế'), '<w:vMerge w:val="restart"/>')}${tc(p('Quý I'))}</w:tr>` +
        `<w:tr>${tc(p('2'))}${tc('<w:p/>', '<w:vMerge/>')}${tc(p('Quý II'))}</w:tr>` +
        '</w:tbl>',
    );
    expect(t?.grid).toEqual([
      ['I. CHÍNH QUYỀN SỐ', '', ''],
      ['1', 'Phòng Kinh tế', 'Quý I'],
      ['2', '', 'Quý II'],
    ]);
  });

  it('skips w:gridBefore columns and pads short rows to the table width', () => {
    const [t] = tables(`<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p('b'))}</w:tr><w:tr>${tc(p('a'))}${tc(p('b'))}${tc(p('c'))}</w:tr></w:tbl>`);
    expect(t?.grid).toEqual([['', 'b', ''], ['a', 'b', 'c']]);
  });

  it('reads content controls, leaving out placeholder text', () => {
    const [t] = tables(
      '<w:tbl><w:sdt><w:sdtContent><w:tr>' +
        `<w:sdt><w:sdtPr><w:alias w:val="Đơn vị"/></w:sdtPr><w:sdtContent>${tc(p('Phòng Kinh tế'))}</w:sdtContent></w:sdt>` +
        `${tc('<w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Bấm để nhập văn bản.</w:t></w:r></w:sdtContent></w:sdt></w:p>')}` +
        '</w:tr></w:sdtContent></w:sdt></w:tbl>',
    );
    expect(t?.grid).toEqual([['Phòng Kinh tế', '']]);
  });

  it('leaves out rows deleted with track changes on, and old properties of tracked changes', () => {
    const [t] = tables(
      '<w:tbl>' +
        `<w:tr>${tc(p('giữ'))}</w:tr>` +
        `<w:tr><w:trPr><w:del w:id="1" w:author="A"/></w:trPr>${tc(p('đã xoá'))}</w:tr>` +
        `<w:tr>${tc(p('sau'), '<w:gridSpan w:val="1"/><w:tcPrChange w:id="2"><w:tcPr><w:gridSpan w:val="4"/></w:tcPr></w:tcPrChange>')}</w:tr>` +
        '</w:tbl>',
    );
    expect(t?.grid).toEqual([['giữ'], ['sau']]);
  });

  it('leaves out deleted revisions, hidden text, field codes and text boxes', () => {
    const [t] = tables(
      '<w:tbl><w:tr>' +
        tc(
          '<w:p><w:del><w:r><w:delText>cũ </w:delText></w:r></w:del><w:ins><w:r><w:t>mới</w:t></w:r></w:ins>' +
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>' +
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t> 3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
            '<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>hộp chữ</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>',
        ) +
        '</w:tr></w:tbl>',
    );
    expect(t?.grid).toEqual([['mới 3']]);
  });

  it('writes Symbol-font characters as the letters Word shows (≥)', () => {
    const [t] = tables(`<w:tbl><w:tr>${tc('<w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t xml:space="preserve"> 50%</w:t></w:r></w:p>')}</w:tr></w:tbl>`);
    expect(t?.grid).toEqual([['≥ 50%']]);
  });

  it('keeps a nested table out of the cell around it and reads it as a table of its own', () => {
    const read = tables(`<w:tbl><w:tr>${tc(p('ngoài') + tblXml([['trong']]))}</w:tr></w:tbl>`);
    expect(read.map((t) => [t.grid, t.depth, t.parent])).toEqual([
      [[['ngoài']], 0, -1],
      [[['trong']], 1, 0],
    ]);
  });

  it('reads files whose tools bind the WordprocessingML namespace to another prefix', () => {
    const xml =
      '<ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:body>' +
      '<ns0:tbl><ns0:tr><ns0:tc><ns0:p><ns0:r><ns0:t>ô</ns0:t></ns0:r></ns0:p></ns0:tc></ns0:tr></ns0:tbl></ns0:body></ns0:document>';
    const read = docxTablesRead(xml);
    expect(read.ok && read.value[0]?.grid).toEqual([['ô']]);
  });

  it('counts the repeated header rows (w:tblHeader) and the paragraphs before each table', () => {
    const read = tables(
      p('PHỤ LỤC') +
        `<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>${tc(p('STT'))}</w:tr><w:tr>${tc(p('1'))}</w:tr></w:tbl>` +
        p('- 2 -'),
    );
    expect(read[0]?.headerRows).toBe(1);
    expect(read[0]?.before).toEqual(['PHỤ LỤC']);
  });

  it('refuses a DOCTYPE (entity expansion) and malformed XML', () => {
    const doctype = docxTablesRead('<!DOCTYPE w [<!ENTITY a "aaaa">]><w:document xmlns:w="x"/>');
    expect(!doctype.ok && doctype.code).toBe('xml.doctype');
    const broken = docxTablesRead(documentXml('<w:tbl><w:tr>'));
    expect(!broken.ok && broken.reason).toMatch(/XML bị hỏng/);
  });
});

describe('DocxNumbering: automatic numbers Word shows', () => {
  const numberingXml =
    '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>' +
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>' +
    '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uF0B7"/></w:lvl></w:abstractNum>' +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>' +
    '</w:numbering>';
  const numbered = (numId: number, text: string, ilvl = 0): string =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${text ? `<w:r><w:t>${text}</w:t></w:r>` : ''}</w:p>`;

  it('numbers sections in Roman and items per list, restarting where a list instance restarts', () => {
    const row = (...cells: string[]): string => `<w:tr>${cells.map((c) => tc(c)).join('')}</w:tr>`;
    const [t] = tables(
      '<w:tbl>' +
        row(numbered(1, 'CHÍNH QUYỀN SỐ')) +
        row(numbered(2, '')) +
        row(numbered(2, '')) +
        row(numbered(1, 'KINH TẾ SỐ')) +
        row(numbered(3, '')) +
        row(numbered(2, 'ý', 1)) +
        row(numbered(4, 'gạch đầu dòng')) +
        '</w:tbl>',
      DocxNumbering.read(numberingXml),
    );
    expect(t?.grid.map((r) => r[0])).toEqual(['I. CHÍNH QUYỀN SỐ', '1.', '2.', 'II. KINH TẾ SỐ', '1.', 'a) ý', '• gạch đầu dòng']);
  });
});

describe('docxAppendixTables: picking the appendix and joining its pieces', () => {
  const body = [['1', 'Rà soát thủ tục', 'Văn phòng', 'Công an xã', 'Quý I/2026']];
  const more = [['2', 'Số hoá hồ sơ', 'Trung tâm HCC', '', 'Quý II/2026']];

  it('joins a table Word split across pages, dropping the page number between and reporting it', () => {
    const found = docxAppendixTables(tables(tblXml([HEADER, ...body]) + p('- 2 -') + '<w:p/>' + tblXml(more)));
    expect(found).toHaveLength(1);
    expect(found[0]?.grid).toEqual([HEADER, ...body, ...more]);
    expect(found[0]?.pieces).toEqual([0, 1]);
    expect(found[0]?.notes.map((n) => n.message).join(' ')).toMatch(/Bỏ dòng “- 2 -” nằm giữa hai phần của bảng/);
  });

  it('joins a continuation that repeats the same header', () => {
    const found = docxAppendixTables(tables(tblXml([HEADER, ...body]) + tblXml([HEADER, ...more])));
    expect(found).toHaveLength(1);
    expect(found[0]?.grid).toHaveLength(4);
  });

  it('keeps two appendix tables with different headers apart, and leaves out other tables', () => {
    const kpi = [['Chỉ tiêu/KPI', 'Mức theo dõi năm 2026', 'Đơn vị chủ trì theo dõi'], ['Tỷ lệ hồ sơ trực tuyến', '≥ 80%', 'Trung tâm HCC']];
    const signature = [['Nơi nhận:\n- Như trên;', 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH']];
    const layout = tblXml([['Ghi chú', 'Bảng bố cục']]);
    const found = docxAppendixTables(tables(layout + tblXml([HEADER, ...body]) + p('PHỤ LỤC II') + tblXml(kpi) + tblXml(signature)));
    expect(found.map((a) => a.grid.length)).toEqual([2, 2]);
    expect(found[1]?.grid[0]?.[0]).toBe('Chỉ tiêu/KPI');
  });

  it('does not join a same-width table that comes after a long passage of text', () => {
    const prose = Array.from({ length: 8 }, (_, k) => p(`Đoạn văn ${k + 1}.`)).join('');
    expect(docxAppendixTables(tables(tblXml([HEADER, ...body]) + prose + tblXml(more)))[0]?.grid).toHaveLength(2);
  });

  it('finds the appendix nested in a layout table', () => {
    const found = docxAppendixTables(tables(`<w:tbl><w:tr>${tc(p('Bố cục') + tblXml([HEADER, ...body]))}</w:tr></w:tbl>`));
    expect(found.map((a) => a.grid)).toEqual([[HEADER, ...body]]);
  });

  it('finds nothing in a document without an appendix header', () => {
    expect(docxAppendixTables(tables(p('Chỉ có chữ') + tblXml([['Nơi nhận:', 'CHỦ TỊCH']])))).toEqual([]);
  });
});
