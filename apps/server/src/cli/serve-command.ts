/**
 * `phuluc serve [--port 8787] [--host 127.0.0.1] [--data DIR] [--database postgres://…] [--redis redis://…] [--demo] [--json]`:
 * runs the server until SIGINT / SIGTERM, on the SQLite file in the data directory or, with
 * `--database` (or PHULUC_DATABASE_URL), on PostgreSQL. With --demo on an empty database, prints the demo accounts
 * and their passwords — this once, never again.
 */
import { demoAccountsTable } from '../demo/demo-seed.ts';
import { configFromEnv } from '../env.ts';
import { serverStart } from '../server.ts';
import { cliArgsParse } from './cli-args.ts';
import { CliError } from './cli-error.ts';

/** Runs the server; resolves with the exit code once it has stopped. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = cliArgsParse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    database: { type: 'string' },
    redis: { type: 'string' },
    demo: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  const env = configFromEnv();
  const port = values.port === undefined ? env.port : portParse(values.port);
  let server;
  try {
    server = await serverStart({
      port,
      host: values.host ?? env.host,
      dataDir: values.data ?? env.dataDir,
      databaseUrl: values.database ?? env.databaseUrl,
      redisUrl: values.redis ?? env.redisUrl,
      demo: values.demo,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`Cổng ${port} đang được dùng bởi chương trình khác. Chọn cổng khác với --port.`, 1);
    if (code === 'EACCES') throw new CliError(`Không được phép mở cổng ${port}.`, 1);
    throw error;
  }
  const { demo } = server;

  if (values.json) {
    console.log(JSON.stringify({ url: server.url, port: server.port, dataDir: server.ctx.config.dataDir, storage: server.storage, demo }));
  } else {
    console.log(`Phuluc đang chạy tại ${server.url}  (dữ liệu: ${server.storage})`);
    if (demo) {
      console.log('\nĐã tạo dữ liệu mẫu: kế hoạch xã Tân Thanh năm 2026 và các tài khoản sau.');
      console.log('Mật khẩu chỉ hiện MỘT lần này — hãy ghi lại:\n');
      console.log(demoAccountsTable(demo.accounts));
      console.log('');
    } else if (values.demo) {
      console.log('Dữ liệu đã có sẵn: bỏ qua --demo (tài khoản mẫu chỉ được tạo ở lần chạy đầu tiên).');
    }
    console.log('Nhấn Ctrl+C để dừng.');
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  if (!values.json) console.log('Đang dừng…');
  await server.close();
  return 0;
}

function portParse(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`Cổng không hợp lệ: ${text}`);
  return port;
}
