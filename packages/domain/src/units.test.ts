import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, fixtureRead, fixtureRows } from './fixtures.test-helper.ts';
import {
  type Unit,
  UNIT_SCOPES,
  unitById,
  unitDirectoryCreate,
  unitDirectoryDefault,
  unitDirectoryFromTsv,
  unitFind,
  unitSearch,
  unitsSame,
  unitsLeading,
  unitsSplit,
  unitsTsvParse,
  unitsUnknownParts,
} from './units.ts';
import { UNITS_SEED_TSV } from './units-seed.ts';

const dir = unitDirectoryDefault();

/** The headers of the units columns in the fixtures, by role. */
const UNITS_HEADERS: Record<string, string> = {
  'Người/Đơn vị chủ trì': 'lead',
  'Đơn vị chủ trì': 'lead',
  'Đơn vị theo dõi, đánh giá, tổng hợp, báo cáo': 'lead',
  'Đơn vị chủ trì theo dõi': 'lead',
  'Đơn vị phối hợp': 'cooperating',
  'Cơ quan hướng dẫn/kiểm tra': 'supervisor',
  'Theo dõi': 'monitor',
};

interface FixtureCell {
  file: string;
  role: string;
  text: string;
}

/** Every non-empty cell of every units column, repeated header rows and section rows skipped. */
function fixtureUnitCells(): FixtureCell[] {
  const cells: FixtureCell[] = [];
  for (const file of FIXTURE_FILES) {
    const [header = [], ...rows] = fixtureRows(file);
    const columns = header.flatMap((label, index) => {
      const role = UNITS_HEADERS[label.trim()];
      return role === undefined ? [] : [{ index, role }];
    });
    for (const row of rows) {
      if (row.join('\t') === header.join('\t')) continue;
      if (row.slice(1).every((cell) => cell.trim() === '')) continue;
      for (const { index, role } of columns) {
        const text = row[index] ?? '';
        if (text.trim() !== '') cells.push({ file, role, text });
      }
    }
  }
  return cells;
}

const FIXTURE_CELLS = fixtureUnitCells();

/** Unit ids and unknown parts of a cell, in order. */
function splitIds(cell: string): { ids: (string | null)[]; unknown: string[] } {
  const split = unitsSplit(dir, cell);
  return { ids: split.matches.map((m) => m.unitId), unknown: split.unknown };
}

describe('the units seed', () => {
  it('is the units.tsv fixture byte for byte', () => {
    expect(UNITS_SEED_TSV).toBe(fixtureRead('units.tsv'));
  });

  it('gives a directory of 29 units with unique slug ids and known scopes', () => {
    expect(dir.units).toHaveLength(29);
    expect(new Set(dir.units.map((u) => u.id)).size).toBe(29);
    for (const unit of dir.units) expect(UNIT_SCOPES).toContain(unit.scope);
    expect(unitById(dir, 'phong-van-hoa-xa-hoi')).toMatchObject({ name: 'Phòng Văn hóa - Xã hội', scope: 'commune' });
    expect(unitById(dir, 'so-khoa-hoc-va-cong-nghe')?.aliases).toEqual(['Sở KH&CN', 'Sở Khoa học và Công nghệ']);
    expect(unitById(dir, 'nowhere')).toBeUndefined();
  });

  it('is built once and cached', () => {
    expect(unitDirectoryDefault()).toBe(dir);
  });
});

describe('unitsTsvParse', () => {
  it('rejects an unknown scope, naming the line in Vietnamese', () => {
    const result = unitsTsvParse('canonical\tscope\taliases\nPhòng Kinh tế\tcommune\t\nSở Tài chính\tnation\t');
    expect(result).toMatchObject({ ok: false, code: 'units.scopeUnknown' });
    expect(result.ok ? '' : result.reason).toContain('Dòng 3');
  });

  it('rejects two lines naming the same unit', () => {
    const result = unitsTsvParse('h\ts\ta\nPhòng Kinh tế\tcommune\t\nphòng kinh tế\tcommune\t');
    expect(result).toMatchObject({ ok: false, code: 'units.duplicate' });
  });

  it('makes unitDirectoryFromTsv throw the reason', () => {
    expect(() => unitDirectoryFromTsv('h\ts\ta\n\tcommune\t')).toThrow('thiếu tên đơn vị');
  });
});

describe('unitFind', () => {
  it.each([
    ['Phòng VH-XH', 'phong-van-hoa-xa-hoi'],
    ['phong van hoa xa hoi', 'phong-van-hoa-xa-hoi'],
    ['Phòng Văn hóa – Xã hội', 'phong-van-hoa-xa-hoi'],
    ['PHÒNG VĂN HOÁ  -   XÃ HỘI', 'phong-van-hoa-xa-hoi'],
    ['Phòng Văn hóa - Xã hội'.normalize('NFD'), 'phong-van-hoa-xa-hoi'],
    ['Văn phòng HĐND và UBND', 'van-phong-hdnd-va-ubnd-xa'],
    ['Văn phòng HĐND và UBND xã', 'van-phong-hdnd-va-ubnd-xa'],
    ['Văn phòng UBND', 'van-phong-hdnd-va-ubnd-xa'],
    ['Văn phòng UBND tỉnh', 'van-phong-ubnd-tinh'],
    ['Ban Chỉ huy Quân sự', 'ban-chi-huy-quan-su-xa'],
    ['Uỷ ban nhân dân xã', 'uy-ban-nhan-dan-xa'],
    ['Công an', 'cong-an-xa'],
    ['Công an tỉnh', 'cong-an-tinh'],
    [' Phòng Kinh tế; ', 'phong-kinh-te'],
  ])('finds %j as %s', (text, id) => {
    expect(unitFind(dir, text)?.id).toBe(id);
  });

  it.each([['Phòng'], ['Thông tin'], ['Phòng Kinh tế, Công an'], ['Sở Y tế xã'], ['Các cơ quan'], ['']])(
    'finds nothing for %j',
    (text) => {
      expect(unitFind(dir, text)).toBeUndefined();
    },
  );
});

describe('unitSearch', () => {
  it('finds units by their words, their abbreviations and their aliases', () => {
    expect(unitSearch(dir, 'phong kinh te')[0]?.id).toBe('phong-kinh-te');
    expect(unitSearch(dir, 'vhxh').map((u) => u.id)).toEqual(['phong-van-hoa-xa-hoi']);
    expect(unitSearch(dir, 'hcc').map((u) => u.id)).toEqual(['trung-tam-phuc-vu-hanh-chinh-cong']);
    expect(unitSearch(dir, 'Văn hóa').map((u) => u.id)).toEqual([
      'phong-van-hoa-xa-hoi',
      'trung-tam-van-hoa-thong-tin-the-thao',
      'so-van-hoa-the-thao-va-du-lich',
    ]);
  });

  it('puts the exact name before the names it begins', () => {
    expect(unitSearch(dir, 'công an').map((u) => u.id)).toEqual(['cong-an-xa', 'cong-an-tinh']);
  });

  it('ranks exact > prefix > word-prefix > substring, whatever the directory order', () => {
    const units: Unit[] = [
      { id: 'ban-ninh', name: 'Ban ninh', scope: 'commune', aliases: [] },
      { id: 'doi-an-ninh', name: 'Đội An ninh', scope: 'commune', aliases: [] },
      { id: 'an-ninh-mang', name: 'An ninh mạng', scope: 'commune', aliases: [] },
      { id: 'an-ninh', name: 'An ninh', scope: 'commune', aliases: [] },
      { id: 'y-te', name: 'Y tế', scope: 'commune', aliases: [] },
    ];
    const ids = unitSearch(unitDirectoryCreate(units), 'an ninh').map((u) => u.id);
    expect(ids).toEqual(['an-ninh', 'an-ninh-mang', 'doi-an-ninh', 'ban-ninh']);
  });

  it('keeps to the limit, and lists the directory for an empty query', () => {
    expect(unitSearch(dir, 'sở', 3)).toHaveLength(3);
    expect(unitSearch(dir, '  ', 4).map((u) => u.id)).toEqual(dir.units.slice(0, 4).map((u) => u.id));
    expect(unitSearch(dir, 'không có đơn vị này')).toEqual([]);
  });
});

describe('unitsSame', () => {
  it('says two spellings of one unit are the same', () => {
    expect(unitsSame(dir, 'Phòng VH-XH', 'phòng Văn hóa – Xã hội xã')).toBe(true);
    expect(unitsSame(dir, 'Văn phòng HĐND - UBND', 'VP HĐND-UBND')).toBe(true);
    expect(unitsSame(dir, 'Trung tâm PV HCC', 'TT DV HCC')).toBe(true);
  });

  it('tells different units apart, even when one name begins the other', () => {
    expect(unitsSame(dir, 'Công an', 'Công an tỉnh')).toBe(false);
    expect(unitsSame(dir, 'Phòng Kinh tế', 'Toàn thể CBCC xã')).toBe(false);
    expect(unitsSame(dir, '', '')).toBe(false);
  });

  it('compares names outside the directory by their spelling', () => {
    expect(unitsSame(dir, 'Toàn thể CBCC xã', 'toàn thể cbcc xa')).toBe(true);
    expect(unitsSame(dir, 'Toàn thể CBCC xã', 'Các bộ phận')).toBe(false);
  });
});

describe('unitsSplit on fixture cells', () => {
  // [cell, unit ids in order, unknown parts in order]; every cell here occurs in a fixture.
  const CASES: [string, (string | null)[], string[]][] = [
    ['Trung tâm DV SNC Các trường Tiểu học, THCS', ['trung-tam-dich-vu-su-nghiep-cong', 'cac-truong-hoc'], []],
    ['Văn phòng HĐND và UBND', ['van-phong-hdnd-va-ubnd-xa'], []],
    ['Văn phòng HĐND - UBND', ['van-phong-hdnd-va-ubnd-xa'], []],
    ['Văn phòng HĐND&UBND', ['van-phong-hdnd-va-ubnd-xa'], []],
    ['Sở KH&CN /VPUBND tỉnh', ['so-khoa-hoc-va-cong-nghe', 'van-phong-ubnd-tinh'], []],
    ['Sở KH&CN/VPUBND tỉnh', ['so-khoa-hoc-va-cong-nghe', 'van-phong-ubnd-tinh'], []],
    [
      'Trung tâm PV HCC/ Phòng Kinh tế, Hội LHPN xã',
      ['trung-tam-phuc-vu-hanh-chinh-cong', 'phong-kinh-te', 'hoi-lien-hiep-phu-nu-xa'],
      [],
    ],
    ['Phòng VH-XH, phòng Kinh tế; Thôn; doanh nghiệp', ['phong-van-hoa-xa-hoi', 'phong-kinh-te', 'thon-ap'], ['doanh nghiệp']],
    ['Phòng Văn hóa - xã hội xã; Tổ Công nghệ số cộng đồng', ['phong-van-hoa-xa-hoi', 'to-cong-nghe-so-cong-dong'], []],
    ['Công an xã; Phòng Văn hóa - xã hội', ['cong-an-xa', 'phong-van-hoa-xa-hoi'], []],
    ['Phòng VHXXH', ['phong-van-hoa-xa-hoi'], []],
    ['Công an tỉnh, Sở KH&CN', ['cong-an-tinh', 'so-khoa-hoc-va-cong-nghe'], []],
    ['Trung tâm phục vụ Hành chính công, Công an xã', ['trung-tam-phuc-vu-hanh-chinh-cong', 'cong-an-xa'], []],
    ['Sở KH&CN, sở VH TT &DL tỉnh', ['so-khoa-hoc-va-cong-nghe', 'so-van-hoa-the-thao-va-du-lich'], []],
    ['Sở KH&CN / NHNN chi nhánh tỉnh', ['so-khoa-hoc-va-cong-nghe', 'ngan-hang-nha-nuoc-chi-nhanh-tinh'], []],
    ['Ủy ban Mặt trận tổ quốc, đoàn thể; Thôn', ['uy-ban-mttq-viet-nam-xa', 'thon-ap'], []],
    ['Ngân hàng/đơn vị trung gian; Tổ Công nghệ số cộng đồng', ['cac-ngan-hang', 'to-cong-nghe-so-cong-dong'], []],
    [
      'Phòng Kinh tế; Hội đoàn thể; nhà mạng; bưu chính; ngân hàng',
      ['phong-kinh-te', 'uy-ban-mttq-viet-nam-xa', 'cac-doanh-nghiep-vien-thong', 'buu-dien', 'cac-ngan-hang'],
      [],
    ],
    [
      'Các phòng chuyên môn; TT DV HCC, TT DV SNC; Công an; Tổ Công nghệ số cộng đồng',
      [
        'cac-co-quan-don-vi-lien-quan',
        'trung-tam-phuc-vu-hanh-chinh-cong',
        'trung-tam-dich-vu-su-nghiep-cong',
        'cong-an-xa',
        'to-cong-nghe-so-cong-dong',
      ],
      [],
    ],
    ['Trung tâm Dịch vụ công, Tổ CDS cộng đồng', ['trung-tam-dich-vu-su-nghiep-cong', 'to-cong-nghe-so-cong-dong'], []],
    ['Phòng Văn hóa - Xã hội; các Ngân hàng trên địa bàn', ['phong-van-hoa-xa-hoi', 'cac-ngan-hang'], []],
    ['Công an xã; Văn phòng HĐND - UBND, các phòng chuyên môn;', ['cong-an-xa', 'van-phong-hdnd-va-ubnd-xa', 'cac-co-quan-don-vi-lien-quan'], []],
    ['Phòng Văn hóa - Xã hội (phối hợp Trạm Y tế)', ['phong-van-hoa-xa-hoi', 'tram-y-te-xa'], []],
    ['Văn thư – Lưu trữ, Công chức phụ trách chuyển đổi số', [], ['Văn thư – Lưu trữ', 'Công chức phụ trách chuyển đổi số']],
    ['Toàn thể CBCC xã', [], ['Toàn thể CBCC xã']],
    // A group noun outside the directory: a group, not unknown text.
    ['Các bộ phận, thôn', [null, 'thon-ap'], []],
    ['Phòng Kinh tế; Thôn; doanh nghiệp nền tảng', ['phong-kinh-te', 'thon-ap'], ['doanh nghiệp nền tảng']],
    ['Thôn; đơn vị vệ sinh', ['thon-ap'], ['đơn vị vệ sinh']],
    // Not in units.tsv: added to the shipped directory by UNITS_EXTRA_ALIASES.
    ['Các cơ quan, đơn vị', ['cac-co-quan-don-vi-lien-quan'], []],
    ['Phòng VHXH; Tổ Công nghệ số cộng đồng; Thôn; Các trường học', ['phong-van-hoa-xa-hoi', 'to-cong-nghe-so-cong-dong', 'thon-ap', 'cac-truong-hoc'], []],
  ];

  it.each(CASES)('splits %j', (cell, ids, unknown) => {
    expect(FIXTURE_CELLS.map((c) => c.text)).toContain(cell);
    expect(splitIds(cell)).toEqual({ ids, unknown });
  });

  it('finds the units columns of all five tables', () => {
    const roles = (file: string) => [...new Set(FIXTURE_CELLS.filter((c) => c.file === file).map((c) => c.role))].sort();
    expect(roles('tan-thanh-2026-tasks.tsv')).toEqual(['lead', 'monitor', 'supervisor']);
    expect(roles('xuan-loc-2026-indicators.tsv')).toEqual(['cooperating', 'lead']);
    expect(roles('tan-ky-2026-tasks.tsv')).toEqual(['cooperating', 'lead']);
    expect(roles('tan-ky-2026-recurring.tsv')).toEqual(['cooperating', 'lead']);
    expect(roles('tan-ky-2026-kpi.tsv')).toEqual(['lead']);
    expect(FIXTURE_CELLS.some((c) => UNITS_HEADERS[c.text] !== undefined)).toBe(false);
  });

  it('leaves exactly these parts of all fixtures unknown', () => {
    const unknown = new Set(FIXTURE_CELLS.flatMap((c) => unitsSplit(dir, c.text).unknown));
    expect([...unknown].sort()).toEqual(
      [
        'Công chức phụ trách chuyển đổi số',
        'doanh nghiệp',
        'doanh nghiệp nền tảng',
        'đơn vị vệ sinh',
        'Toàn thể CBCC xã',
        'Văn thư – Lưu trữ',
      ].sort(),
    );
  });

  it('accounts for every character of every fixture cell but separators', () => {
    for (const { text } of FIXTURE_CELLS) {
      const split = unitsSplit(dir, text);
      let rest = text;
      for (const m of split.matches) {
        expect(text.slice(m.start, m.end)).toBe(m.text);
        rest = rest.slice(0, m.start) + ' '.repeat(m.end - m.start) + rest.slice(m.end);
      }
      for (const part of split.unknown) rest = rest.replace(part, ' '.repeat(part.length));
      expect(rest.replace(/phối hợp/g, '').replace(/[\s,;/()]/g, '')).toBe('');
    }
  });
});

describe('unitsSplit', () => {
  it('reads a name with commas as one unit, and "Thôn" never inside "Thông tin"', () => {
    const cell = 'Trung tâm Văn hóa, Thông tin, Thể thao và Bảo tồn thiên nhiên núi Chứa Chan; Thôn';
    expect(splitIds(cell)).toEqual({ ids: ['trung-tam-van-hoa-thong-tin-the-thao', 'thon-ap'], unknown: [] });
    expect(splitIds('Phòng Thông tin')).toEqual({ ids: [], unknown: ['Phòng Thông tin'] });
  });

  it('prefers the longest name: "Công an tỉnh" is not "Công an" and "tỉnh"', () => {
    expect(splitIds('Công an tỉnh; Công an')).toEqual({ ids: ['cong-an-tinh', 'cong-an-xa'], unknown: [] });
  });

  it('gives a trailing "xã" to a commune unit whose spelling lacks it, but not to a province unit', () => {
    const split = unitsSplit(dir, 'Tổ CDS cộng đồng xã, Ban Chỉ huy Quân sự');
    expect(split.matches.map((m) => [m.unitId, m.text])).toEqual([
      ['to-cong-nghe-so-cong-dong', 'Tổ CDS cộng đồng xã'],
      ['ban-chi-huy-quan-su-xa', 'Ban Chỉ huy Quân sự'],
    ]);
    expect(splitIds('Sở Y tế xã')).toEqual({ ids: ['so-y-te'], unknown: ['xã'] });
  });

  it('leaves the fewest words unknown: "Công an Xã đoàn" is Công an and Xã đoàn', () => {
    expect(splitIds('Công an Xã đoàn')).toEqual({ ids: ['cong-an-xa', 'doan-thanh-nien-xa'], unknown: [] });
  });

  it('splits at "và" and new lines, and cuts unknown stretches there too', () => {
    expect(splitIds('Phòng Kinh tế và Trạm Y tế xã\nCông an')).toEqual({
      ids: ['phong-kinh-te', 'tram-y-te-xa', 'cong-an-xa'],
      unknown: [],
    });
    expect(splitIds('Văn thư và Lưu trữ')).toEqual({ ids: [], unknown: ['Văn thư', 'Lưu trữ'] });
  });

  it('gives exact offsets and marks units in parentheses as asides', () => {
    const cell = 'Phòng VH- XH (phối hợp Trạm Y tế)';
    expect(unitsSplit(dir, cell)).toEqual({
      matches: [
        { unitId: 'phong-van-hoa-xa-hoi', group: false, text: 'Phòng VH- XH', start: 0, end: 12, aside: false },
        { unitId: 'tram-y-te-xa', group: false, text: 'Trạm Y tế', start: 23, end: 32, aside: true },
      ],
      unknown: [],
    });
  });

  it('reads an empty or blank cell as naming nothing', () => {
    expect(unitsSplit(dir, '')).toEqual({ matches: [], unknown: [] });
    expect(unitsSplit(dir, ' ;, \n')).toEqual({ matches: [], unknown: [] });
  });
});

describe('unitsLeading', () => {
  const dir = unitDirectoryDefault();
  it('reads the owners of a row from its lead cell, leaving out units in parentheses', () => {
    expect(unitsLeading(dir, 'Phòng Văn hóa - Xã hội (phối hợp Trạm Y tế)')).toEqual(['phong-van-hoa-xa-hoi']);
    expect(unitsLeading(dir, 'Phòng Kinh tế; Phòng Văn hóa - Xã hội')).toEqual(['phong-kinh-te', 'phong-van-hoa-xa-hoi']);
  });
  it('names each unit once however often the cell spells it', () => {
    expect(unitsLeading(dir, 'Phòng VH-XH, Phòng Văn hóa – Xã hội xã')).toEqual(['phong-van-hoa-xa-hoi']);
  });
  it('gives no owner for a lead that names no known unit', () => {
    expect(unitsLeading(dir, 'Toàn thể CBCC xã')).toEqual([]);
  });
});

describe('group nouns', () => {
  const groups = (cell: string) => unitsSplit(dir, cell).matches.map((m) => [m.text, m.group, m.unitId]);

  it('reads "các …" up to the next separator as one group, parentheses and unit names inside included', () => {
    expect(groups('các đơn vị sự nghiệp (trực) thuộc UBND xã')).toEqual([['các đơn vị sự nghiệp (trực) thuộc UBND xã', true, null]]);
    expect(groups('Văn phòng HĐND và UBND xã; các đơn vị sự nghiệp trực thuộc UBND xã')).toEqual([
      ['Văn phòng HĐND và UBND xã', false, 'van-phong-hdnd-va-ubnd-xa'],
      ['các đơn vị sự nghiệp trực thuộc UBND xã', true, null],
    ]);
    expect(unitsSplit(dir, 'các đơn vị sự nghiệp (trực) thuộc UBND xã').unknown).toEqual([]);
  });

  it('marks the directory’s group spellings as groups, keeping their id', () => {
    expect(groups('Các phòng chuyên môn xã')).toEqual([['Các phòng chuyên môn xã', true, 'cac-co-quan-don-vi-lien-quan']]);
    expect(groups('Các trường phổ thông trên địa bàn')).toEqual([['Các trường phổ thông trên địa bàn', true, 'cac-truong-hoc']]);
    expect(groups('Các trường phổ thông')).toEqual([['Các trường phổ thông', true, null]]);
  });

  it('stops a group at "và" and at an aside, so the units after it are read', () => {
    expect(groups('Các trường học và Trạm Y tế')).toEqual([
      ['Các trường học', true, 'cac-truong-hoc'],
      ['Trạm Y tế', false, 'tram-y-te-xa'],
    ]);
    expect(groups('Các thôn (phối hợp Công an)')).toEqual([
      ['Các thôn', true, 'thon-ap'],
      ['Công an', false, 'cong-an-xa'],
    ]);
  });

  it('never takes two group nouns for the same unit', () => {
    expect(unitsSame(dir, 'Các trường phổ thông trên địa bàn', 'Các trường học')).toBe(false);
    expect(unitsSame(dir, 'Các phòng chuyên môn xã', 'Các cơ quan, đơn vị có liên quan')).toBe(false);
    expect(unitsSame(dir, 'Các phòng chuyên môn xã', 'các phòng chuyên môn')).toBe(true);
  });

  it('gives no owner for a group outside the directory', () => {
    expect(unitsLeading(dir, 'Phòng Kinh tế, các đơn vị sự nghiệp trực thuộc UBND xã')).toEqual(['phong-kinh-te']);
  });
});

describe('unitsUnknownParts', () => {
  it('quotes an unknown part whole, with the unit name inside it, never cut', () => {
    expect(unitsSplit(dir, 'Ban quản lý chợ thuộc UBND xã').unknown).toEqual(['Ban quản lý chợ thuộc']);
    expect(unitsUnknownParts(dir, 'Ban quản lý chợ thuộc UBND xã')).toEqual(['Ban quản lý chợ thuộc UBND xã']);
    expect(unitsUnknownParts(dir, 'Phòng Kinh tế; Ban quản lý chợ (trực) thuộc UBND xã, Công an')).toEqual([
      'Ban quản lý chợ (trực) thuộc UBND xã',
    ]);
  });

  it('keeps the separators between units: one part per unknown name', () => {
    expect(unitsUnknownParts(dir, 'Văn thư – Lưu trữ, Công chức phụ trách chuyển đổi số')).toEqual([
      'Văn thư – Lưu trữ',
      'Công chức phụ trách chuyển đổi số',
    ]);
    expect(unitsUnknownParts(dir, 'Phòng Kinh tế')).toEqual([]);
  });
});

describe('every part of a cell is matched the way unitFind matches it alone', () => {
  /** Spellings a person types for a unit: as listed, without accents, lower case, "xã" added or dropped. */
  function typedSpellings(unit: Unit): string[] {
    const out = new Set<string>();
    for (const spelling of [unit.name, ...unit.aliases]) {
      const plain = spelling.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
      for (const s of [spelling, plain, plain.toLowerCase()]) {
        out.add(s);
        if (unit.scope !== 'province') out.add(/ x[ãa]$/i.test(s) ? s.replace(/ x[ãa]$/i, '') : `${s} xã`);
      }
    }
    return [...out];
  }

  it('finds each typed spelling of each unit, alone and after another unit', () => {
    for (const unit of dir.units) {
      for (const typed of typedSpellings(unit)) {
        expect(unitFind(dir, typed)?.id, typed).toBe(unit.id);
        const other = unit.id === 'cong-an-xa' ? 'Trạm Y tế' : 'Công an';
        const otherId = unitFind(dir, other)?.id;
        expect(splitIds(`${other}, ${typed}`), typed).toEqual({ ids: [otherId, unit.id], unknown: [] });
      }
    }
  });

  it('reads "kinh te, doan thanh nien" as Phòng Kinh tế and Đoàn Thanh niên xã, as "kinh te" alone is read', () => {
    expect(unitFind(dir, 'kinh te')?.id).toBe('phong-kinh-te');
    expect(splitIds('kinh te, doan thanh nien')).toEqual({ ids: ['phong-kinh-te', 'doan-thanh-nien-xa'], unknown: [] });
    expect(unitsLeading(dir, 'kinh te, doan thanh nien')).toEqual(['phong-kinh-te', 'doan-thanh-nien-xa']);
    expect(splitIds('VH-XH; Kinh tế xã')).toEqual({ ids: ['phong-van-hoa-xa-hoi', 'phong-kinh-te'], unknown: [] });
  });
});
