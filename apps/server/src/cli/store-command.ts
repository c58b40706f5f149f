/**
 * `phuluc store copy --from DIR --to postgres://…`: moves a deployment from the SQLite file in
 * DIR to an empty PostgreSQL database, then checks every table's row count and every plan's
 * document. Stop the server first: what it writes during the copy would not be copied.
 */
import { pgUrlRedacted } from '../store/pg.ts';
import { StoreCopyError, storeCopy } from '../store/store-copy.ts';
import { cliArgsParse } from './cli-args.ts';
import { CliError } from './cli-error.ts';

const USAGE = `Cách dùng:
  phuluc store copy --from THƯ_MỤC_DỮ_LIỆU --to postgres://người-dùng@máy:cổng/cơ-sở-dữ-liệu [--json]
  (dừng máy chủ trước khi chép; cơ sở dữ liệu đích phải trống)`;

/** Dispatches `phuluc store <sub>`. */
export async function storeCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'copy') throw new CliError(USAGE, 2);
  const { values } = cliArgsParse(rest, { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (!values.from || !values.to) throw new CliError(USAGE, 2);
  if (!/^postgres(ql)?:\/\//.test(values.to)) throw new CliError(`--to phải là một địa chỉ postgres://…, không phải «${values.to}».`, 2);
  let report;
  try {
    report = await storeCopy(values.from, values.to);
  } catch (error) {
    if (error instanceof StoreCopyError) throw new CliError(error.message, 1);
    throw new CliError(`Không chép được dữ liệu: ${(error as Error).message}`, 1);
  }
  if (values.json) console.log(JSON.stringify(report));
  else {
    const counts = Object.entries(report.rows).map(([table, n]) => `${table} ${n}`);
    console.log(`Đã chép ${values.from} sang ${pgUrlRedacted(values.to)}: ${counts.join(', ')}.`);
    console.log(`Đã so sánh tài liệu của ${report.plansChecked} kế hoạch: giống hệt nhau.`);
  }
  return 0;
}
