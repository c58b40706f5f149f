/**
 * `phuluc plan create|list`: plans from the command line.
 *
 *   phuluc plan create --commune C --year Y [--province P] [--title T] [--template ID] [--from FILE [--format F]]
 *   phuluc plan list
 *
 * `plan create` prints the new plan's id alone on standard output (for scripts), the import's
 * notes on standard error.
 */
import { AUDIT_ACTIONS, planDocTableIds, TEMPLATE_IDS, type TemplateId, templateIsKnown } from '@phuluc/domain';
import { docReaderFromStore } from '../context.ts';
import { auditAppend } from '../store/audit.ts';
import { planCreate, plansAll } from '../store/plans.ts';
import { cliArgsParse, cliYearParse } from './cli-args.ts';
import { CliError } from './cli-error.ts';
import { cliStoreOpen, STORE_OPTIONS } from './cli-store.ts';
import { tableFileFormat, tableFileImport } from './table-file.ts';

const USAGE = `Cách dùng:
  phuluc plan create --commune XÃ --year NĂM [--province TỈNH] [--title TÊN] [--template MẪU] [--from TỆP [--format tsv|csv|html]]
  phuluc plan list
  (MẪU: ${TEMPLATE_IDS.join(' | ')}; mọi lệnh nhận --data THƯ_MỤC và --json)`;

/** Dispatches `phuluc plan <sub>`. */
export async function planCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create':
      return planCreateCommand(rest);
    case 'list':
      return planListCommand(rest);
    default:
      throw new CliError(sub ? `Lệnh con không tồn tại: plan ${sub}\n\n${USAGE}` : USAGE);
  }
}

function yearParse(text: string | undefined): number {
  if (!text) throw new CliError('Thiếu --year (năm của kế hoạch, ví dụ 2026).');
  return cliYearParse(text);
}

function templateParse(text: string | undefined): TemplateId | undefined {
  if (text === undefined) return undefined;
  if (!templateIsKnown(text)) throw new CliError(`Mẫu bảng không tồn tại: ${text} (chọn ${TEMPLATE_IDS.join(', ')}).`);
  return text;
}

async function planCreateCommand(args: string[]): Promise<number> {
  const { values } = cliArgsParse(args, {
    ...STORE_OPTIONS,
    commune: { type: 'string' },
    province: { type: 'string' },
    year: { type: 'string' },
    title: { type: 'string' },
    template: { type: 'string' },
    from: { type: 'string' },
    format: { type: 'string' },
  });
  const commune = values.commune?.trim();
  if (!commune) throw new CliError('Thiếu --commune (tên xã).');
  const year = yearParse(values.year);
  const template = templateParse(values.template);
  const imported = values.from === undefined ? null : tableFileImport(values.from, tableFileFormat(values.format));

  const store = await cliStoreOpen(values);
  try {
    const plan = await planCreate(
      store.sql,
      store.units,
      { commune, province: values.province?.trim() || null, year, title: values.title?.trim() || undefined, template, table: imported?.table, planNumber: imported?.heading.planNumber, issuedOn: imported?.heading.issuedOn },
      (tx, created) => auditAppend(tx, { planId: created.id, userId: null, action: AUDIT_ACTIONS.planCreate, detail: 'phuluc plan create' }),
    );
    for (const note of imported?.notes ?? []) console.error(`${note.line ? `dòng ${note.line}: ` : ''}${note.message}`);
    if (values.json) {
      const rows = imported ? imported.table.rows.length : 0;
      console.log(JSON.stringify({ id: plan.id, commune: plan.commune, province: plan.province, year: plan.year, title: plan.title, rows }));
    } else console.log(plan.id);
    return 0;
  } finally {
    await store.close();
  }
}

async function planListCommand(args: string[]): Promise<number> {
  const { values } = cliArgsParse(args, STORE_OPTIONS);
  const store = await cliStoreOpen(values);
  try {
    const docs = docReaderFromStore(store.docs);
    const plans = [];
    for (const plan of await plansAll(store.sql)) {
      const tables = await docs.withDoc(plan.id, (doc) => planDocTableIds(doc).length);
      plans.push({ id: plan.id, commune: plan.commune, province: plan.province, year: plan.year, title: plan.title, tables });
    }
    if (values.json) console.log(JSON.stringify(plans));
    else if (plans.length === 0) console.log('Chưa có kế hoạch nào. Tạo bằng: phuluc plan create --commune XÃ --year NĂM');
    else for (const p of plans) console.log(`${p.id}  ${p.year}  ${p.commune}${p.province ? ` (${p.province})` : ''}  — ${p.title} [${p.tables} bảng]`);
    return 0;
  } finally {
    await store.close();
  }
}
