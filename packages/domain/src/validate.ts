/**
 * Validation of a table: the "6 rõ" rules for task tables (clear work, owner, time, product,
 * resources, responsibility) and the indicator rules. Each rule, its severity and its Vietnamese
 * message are defined once here; the grid, the server, the exports and the CLI read them.
 * Errors block a final export; warnings do not.
 */
import { fieldKind } from './fields.ts';
import { measureUnitEquals, measureUnitOfTarget, measureUnitParse } from './measure-unit.ts';
import { moneyParse } from './number.ts';
import { numberingCite, numberingCompute } from './numbering.ts';
import { frequencyParse, PERIOD_PARSE_CODES, periodParse, periodYears } from './period/index.ts';
import type { ItemRow, TableModel } from './table-model.ts';
import { targetParse } from './target.ts';
import { TEMPLATES } from './templates.ts';
import { textKey } from './text.ts';
import { type UnitDirectory, unitById, unitsLeading, unitsSplit, unitsUnknownParts } from './units.ts';

export type Severity = 'error' | 'warning';

/** Every rule: its code, severity and how its message reads. */
export const FINDING_RULES = {
  'table.empty': { severity: 'error', message: () => 'Bảng chưa có dòng nào.' },
  'section.empty': { severity: 'warning', message: () => 'Mục này chưa có dòng nào.' },
  'work.missing': { severity: 'error', message: (label: string) => `Thiếu «${label}».` },
  'lead.missing': { severity: 'error', message: (label: string) => `Chưa có đơn vị chủ trì («${label}»).` },
  'tracking.missing': { severity: 'error', message: (label: string) => `Chưa có đơn vị theo dõi («${label}»).` },
  'lead.unknown': {
    severity: 'warning',
    message: (label: string, parts: string) => `«${label}»: ${parts} không có trong danh mục đơn vị.`,
  },
  'lead.group': {
    severity: 'warning',
    message: (label: string, group: string) => `«${label}» là một nhóm (${group}), chưa rõ đơn vị nào chịu trách nhiệm.`,
  },
  'cooperating.includesLead': {
    severity: 'warning',
    message: (unit: string) => `${unit} vừa là đơn vị chủ trì vừa là đơn vị phối hợp.`,
  },
  'timeframe.missing': { severity: 'error', message: (label: string) => `Thiếu «${label}».` },
  'timeframe.unparseable': {
    severity: 'error',
    message: (label: string, reason: string) => `«${label}» chưa rõ: ${reason}`,
  },
  'timeframe.reversed': {
    severity: 'error',
    message: (label: string, reason: string) => `«${label}» ngược: ${reason}`,
  },
  'timeframe.outsideYear': {
    severity: 'error',
    message: (label: string, year: number) => `«${label}» nằm ngoài năm kế hoạch ${year}.`,
  },
  'timeframe.partlyOutsideYear': {
    severity: 'warning',
    message: (label: string, year: number) => `«${label}» vượt ra ngoài năm kế hoạch ${year}.`,
  },
  'frequency.missing': { severity: 'error', message: (label: string) => `Thiếu «${label}».` },
  'frequency.unparseable': {
    severity: 'error',
    message: (label: string, reason: string) => `«${label}» chưa rõ: ${reason}`,
  },
  'output.missing': { severity: 'error', message: (label: string) => `Thiếu «${label}».` },
  'budget.invalid': {
    severity: 'error',
    message: (label: string, reason: string) => `«${label}» không phải là số: ${reason}`,
  },
  'budget.negative': { severity: 'error', message: (label: string) => `«${label}» không được âm.` },
  'fundingSource.missing': {
    severity: 'error',
    message: (label: string) => `Có kinh phí nhưng thiếu «${label}».`,
  },
  'target.missing': { severity: 'error', message: (label: string) => `Thiếu «${label}».` },
  'target.unparseable': {
    severity: 'error',
    message: (label: string, reason: string) => `«${label}» chưa rõ: ${reason}`,
  },
  'target.percentOver100': {
    severity: 'error',
    message: (text: string) => `Chỉ tiêu «${text}» vượt quá 100%.`,
  },
  'target.unitMismatch': {
    severity: 'error',
    message: (text: string, unit: string) => `Chỉ tiêu «${text}» không khớp với đơn vị tính «${unit}».`,
  },
  'measureUnit.missing': { severity: 'warning', message: (label: string) => `Thiếu «${label}».` },
  'row.duplicate': {
    severity: 'warning',
    message: (other: string) => `Trùng nội dung với dòng ${other} trong cùng mục.`,
  },
} as const satisfies Record<string, { severity: Severity; message: (...args: never[]) => string }>;

export type FindingCode = keyof typeof FINDING_RULES;

/** One thing validation found. `rowId` is the row's id, or its cited number ("II.3") when it has none. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  tableId: string;
  rowId: string | null;
  field: string | null;
  message: string;
  /** How the user cites the row ("II.3", "5"), or null for the whole table. */
  row: string | null;
}

export interface ValidateContext {
  tableId: string;
  /** The plan's year: timeframes outside it are reported. */
  planYear: number;
  units: UnitDirectory;
}

type RuleArgs<C extends FindingCode> = Parameters<(typeof FINDING_RULES)[C]['message']>;

/** Remembers a parser's answer per cell text: real tables repeat a few timeframes and units. */
function memo<R>(fn: (text: string) => R): (text: string) => R {
  const seen = new Map<string, R>();
  return (text) => {
    let hit = seen.get(text);
    if (hit === undefined && !seen.has(text)) {
      hit = fn(text);
      seen.set(text, hit);
    }
    return hit as R;
  };
}

/** The parsers the rules use, memoised for one validation run. */
function parsersFor(ctx: ValidateContext) {
  return {
    period: memo((text) => periodParse(text, { planYear: ctx.planYear })),
    frequency: memo(frequencyParse),
    money: memo(moneyParse),
    target: memo(targetParse),
    measureUnit: memo(measureUnitParse),
    units: memo((text) => unitsSplit(ctx.units, text)),
    unknownParts: memo((text) => unitsUnknownParts(ctx.units, text)),
    leading: memo((text) => unitsLeading(ctx.units, text)),
  };
}
type Parsers = ReturnType<typeof parsersFor>;

/** Validates one table. Findings come errors first, then in row order. */
export function validateTable(table: TableModel, ctx: ValidateContext): Finding[] {
  const findings: Finding[] = [];
  const parse = parsersFor(ctx);
  const template = TEMPLATES[table.template];
  const fields = new Map(table.columns.map((c) => [c.field, c.label]));
  const labelOf = (field: string): string => fields.get(field) ?? field;
  const numbers = numberingCompute(
    table.rows.map((r) => r.kind),
    table.numbering,
  );

  const add = <C extends FindingCode>(
    code: C,
    where: { rowId: string | null; row: string | null; field: string | null },
    ...args: RuleArgs<C>
  ): void => {
    const rule = FINDING_RULES[code];
    const message = (rule.message as (...a: RuleArgs<C>) => string)(...args);
    findings.push({ code, severity: rule.severity, tableId: ctx.tableId, message, ...where });
  };

  if (!table.rows.some((r) => r.kind === 'item')) {
    add('table.empty', { rowId: null, row: null, field: null });
  }

  let section: string | null = null;
  let sectionWhere: { rowId: string | null; row: string | null } | null = null;
  let sectionItems = 0;
  const seenInSection = new Map<string, string>();
  const closeSection = (): void => {
    if (sectionWhere && sectionItems === 0) add('section.empty', { ...sectionWhere, field: null });
  };

  table.rows.forEach((row, index) => {
    const number = numbers[index] ?? '';
    if (row.kind === 'section') {
      closeSection();
      section = number;
      sectionWhere = { rowId: row.id ?? number, row: number };
      sectionItems = 0;
      seenInSection.clear();
      return;
    }
    sectionItems += 1;
    const cite = numberingCite(section, number || String(index + 1));
    const rowId = row.id ?? cite;
    const at = (field: string | null) => ({ rowId, row: cite, field });
    const cell = (field: string): string => (fields.has(field) ? (row.cells[field] ?? '').trim() : '');

    // Work: the task or indicator text.
    const workField = fields.has('task') ? 'task' : fields.has('indicator') ? 'indicator' : null;
    if (workField) {
      const work = cell(workField);
      if (!work) add('work.missing', at(workField), labelOf(workField));
      else {
        const key = textKey(work);
        const other = seenInSection.get(key);
        if (other) add('row.duplicate', at(workField), other);
        else seenInSection.set(key, cite);
      }
    }

    validateUnits(row, template.kind, fields, ctx, parse, at, add);
    if (template.kind === 'tasks') validateTaskTime(row, fields, ctx, parse, at, add);
    if (fields.has('output') && template.kind === 'tasks' && !cell('output')) {
      add('output.missing', at('output'), labelOf('output'));
    }
    validateBudget(row, fields, parse, at, add);
    if (template.kind === 'indicators') validateTarget(row, fields, parse, at, add);
  });
  closeSection();

  const rank = (f: Finding): number => (f.severity === 'error' ? 0 : 1);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

type At = (field: string | null) => { rowId: string; row: string; field: string | null };
type Add = <C extends FindingCode>(
  code: C,
  where: { rowId: string | null; row: string | null; field: string | null },
  ...args: RuleArgs<C>
) => void;

function validateUnits(
  row: ItemRow,
  kind: 'tasks' | 'indicators',
  fields: Map<string, string>,
  ctx: ValidateContext,
  parse: Parsers,
  at: At,
  add: Add,
): void {
  if (!fields.has('lead')) return;
  const label = fields.get('lead') ?? 'lead';
  const leadText = (row.cells.lead ?? '').trim();
  if (!leadText) {
    add(kind === 'indicators' ? 'tracking.missing' : 'lead.missing', at('lead'), label);
    return;
  }
  const lead = parse.units(leadText);
  if (lead.unknown.length > 0) {
    // Quoted whole, as written between separators: a message never cuts a name.
    add('lead.unknown', at('lead'), label, parse.unknownParts(leadText).map((u) => `«${u}»`).join(', '));
  }
  const named = lead.matches.filter((m) => !m.aside);
  // A vague group: a group noun no directory unit of its own answers for ("Các trường học" is
  // a unit whose people own rows; "các phòng chuyên môn" is not).
  const groups = named.filter((m) => m.group && (m.unitId === null || unitById(ctx.units, m.unitId)?.scope === 'group'));
  if (groups.length > 0 && groups.length === named.length && lead.unknown.length === 0) {
    add('lead.group', at('lead'), label, groups.map((m) => `«${m.text}»`).join(', '));
  }
  if (!fields.has('cooperating')) return;
  const cooperating = parse.units(row.cells.cooperating ?? '');
  const leadIds = new Set(parse.leading(leadText));
  const reported = new Set<string>();
  for (const m of cooperating.matches) {
    // A group noun is never the same unit as another ("Các trường phổ thông" is not "Các trường học").
    if (m.group || m.unitId === null) continue;
    if (leadIds.has(m.unitId) && !reported.has(m.unitId)) {
      reported.add(m.unitId);
      const name = unitById(ctx.units, m.unitId)?.name ?? m.text;
      add('cooperating.includesLead', at('cooperating'), name);
    }
  }
}

function validateTaskTime(row: ItemRow, fields: Map<string, string>, ctx: ValidateContext, parse: Parsers, at: At, add: Add): void {
  if (fields.has('timeframe')) {
    const label = fields.get('timeframe') ?? 'timeframe';
    const text = (row.cells.timeframe ?? '').trim();
    if (!text) {
      add('timeframe.missing', at('timeframe'), label);
    } else {
      const parsed = parse.period(text);
      if (!parsed.ok) {
        add(parsed.code === PERIOD_PARSE_CODES.reversed ? 'timeframe.reversed' : 'timeframe.unparseable', at('timeframe'), label, parsed.reason);
      } else {
        const years = periodYears(parsed.value);
        if (years.length > 0 && !years.includes(ctx.planYear)) {
          add('timeframe.outsideYear', at('timeframe'), label, ctx.planYear);
        } else if (years.some((y) => y !== ctx.planYear)) {
          add('timeframe.partlyOutsideYear', at('timeframe'), label, ctx.planYear);
        }
      }
    }
  }
  if (fields.has('frequency')) {
    const label = fields.get('frequency') ?? 'frequency';
    const text = (row.cells.frequency ?? '').trim();
    if (!text) add('frequency.missing', at('frequency'), label);
    else {
      const parsed = parse.frequency(text);
      if (!parsed.ok) add('frequency.unparseable', at('frequency'), label, parsed.reason);
    }
  }
}

function validateBudget(row: ItemRow, fields: Map<string, string>, parse: Parsers, at: At, add: Add): void {
  for (const [field, label] of fields) {
    if (fieldKind(field) !== 'money') continue;
    const text = (row.cells[field] ?? '').trim();
    if (!text) continue;
    const parsed = parse.money(text);
    if (!parsed.ok) {
      add('budget.invalid', at(field), label, parsed.reason);
      continue;
    }
    if (parsed.value < 0) add('budget.negative', at(field), label);
    if (parsed.value > 0 && fields.has('fundingSource') && !(row.cells.fundingSource ?? '').trim()) {
      add('fundingSource.missing', at('fundingSource'), fields.get('fundingSource') ?? 'fundingSource');
    }
  }
}

function validateTarget(row: ItemRow, fields: Map<string, string>, parse: Parsers, at: At, add: Add): void {
  if (!fields.has('target')) return;
  const label = fields.get('target') ?? 'target';
  const text = (row.cells.target ?? '').trim();
  if (!text) {
    add('target.missing', at('target'), label);
    return;
  }
  const parsed = parse.target(text);
  if (!parsed.ok) {
    add('target.unparseable', at('target'), label, parsed.reason);
    return;
  }
  const target = parsed.value;
  if (target.kind === 'quantity' && target.unit === '%' && target.value > 100) {
    add('target.percentOver100', at('target'), text);
  }
  if (!fields.has('measureUnit')) return;
  const unitText = (row.cells.measureUnit ?? '').trim();
  if (!unitText) {
    add('measureUnit.missing', at('measureUnit'), fields.get('measureUnit') ?? 'measureUnit');
    return;
  }
  const unit = parse.measureUnit(unitText);
  const implied = measureUnitOfTarget(target);
  if (unit.ok && implied && !measureUnitEquals(unit.value, implied)) {
    add('target.unitMismatch', at('target'), text, unitText);
  }
}

/** True when findings contain an error (a final export is refused). */
export function findingsHaveErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
