/**
 * `phuluc user add|passwd|grant|list`: accounts from the command line. Passwords are read from
 * standard input only (`--password-stdin`), never from arguments that end up in shell history.
 *
 *   phuluc user add --username U --name N --role R [--unit UNIT] [--plan PLAN_ID] --password-stdin
 *   phuluc user passwd U --password-stdin
 *   phuluc user grant U --role R --plan PLAN_ID [--unit UNIT]
 *   phuluc user list
 */
import type { z } from 'zod';
import { MEMBER_ROLES, type MemberRole, membershipSet } from '../auth/memberships.ts';
import { passwordHash, passwordSchema } from '../auth/passwords.ts';
import { sessionsDeleteForUser } from '../auth/sessions.ts';
import { planGet } from '../store/plans.ts';
import { displayNameSchema, userByUsername, userCreate, userPasswordSet, usernameSchema, UsernameTakenError, usersList } from '../store/users.ts';
import { cliArgsParse } from './cli-args.ts';
import { CliError } from './cli-error.ts';
import { type CliStore, cliPasswordRead, cliStoreOpen, cliUnitResolve, STORE_OPTIONS } from './cli-store.ts';

const ROLES = ['admin', ...MEMBER_ROLES] as const;
type CliRole = (typeof ROLES)[number];

const USAGE = `Cách dùng:
  phuluc user add --username U --name N --role R [--unit ĐƠN_VỊ] [--plan MÃ_KẾ_HOẠCH] --password-stdin
  phuluc user passwd U --password-stdin
  phuluc user grant U --role R --plan MÃ_KẾ_HOẠCH [--unit ĐƠN_VỊ]
  phuluc user list
  (R: ${ROLES.join(' | ')}; mọi lệnh nhận --data THƯ_MỤC hoặc --database postgres://…, và --json)`;

/** Dispatches `phuluc user <sub>`. */
export async function userCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      return userAdd(rest);
    case 'passwd':
      return userPasswd(rest);
    case 'grant':
      return userGrant(rest);
    case 'list':
      return userList(rest);
    default:
      throw new CliError(sub ? `Lệnh con không tồn tại: user ${sub}\n\n${USAGE}` : USAGE);
  }
}

function valueCheck<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CliError(`${what}: ${result.error.issues[0]?.message ?? 'không hợp lệ'}`);
}

function roleParse(text: string | undefined): CliRole {
  if (!text) throw new CliError(`Thiếu --role (${ROLES.join(', ')}).`);
  if (!(ROLES as readonly string[]).includes(text)) throw new CliError(`Vai trò không hợp lệ: ${text} (chọn ${ROLES.join(', ')}).`);
  return text as CliRole;
}

/** Checks the plan and unit a plan role needs; returns what to store. */
async function grantResolve(store: CliStore, role: MemberRole, planId: string | undefined, unitText: string | undefined) {
  if (!planId) throw new CliError(`Vai trò ${role} là vai trò trong một kế hoạch: cần --plan MÃ_KẾ_HOẠCH (xem phuluc plan list).`);
  if (!(await planGet(store.sql, planId))) throw new CliError(`Không có kế hoạch mã ${planId} (xem phuluc plan list).`, 1);
  if (role === 'editor' && !unitText) throw new CliError('Người biên tập (editor) cần --unit: đơn vị mà họ sửa các dòng của.');
  const unit = unitText ? cliUnitResolve(store.units, unitText) : null;
  return { planId, unit };
}

async function withStore<T>(options: { data?: string | undefined; database?: string | undefined }, fn: (store: CliStore) => Promise<T>): Promise<T> {
  const store = await cliStoreOpen(options);
  try {
    return await fn(store);
  } catch (error) {
    if (error instanceof UsernameTakenError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}

async function userAdd(args: string[]): Promise<number> {
  const { values } = cliArgsParse(args, {
    ...STORE_OPTIONS,
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    plan: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  });
  const username = valueCheck(usernameSchema, values.username ?? '', 'Tên đăng nhập (--username)');
  const name = valueCheck(displayNameSchema, values.name ?? '', 'Tên hiển thị (--name)');
  const role = roleParse(values.role);
  if (role === 'admin' && values.plan) throw new CliError('Quản trị viên có quyền trên mọi kế hoạch: không dùng --plan.');
  if (!values['password-stdin']) throw new CliError('Cần --password-stdin: mật khẩu được đọc từ đầu vào chuẩn, không ghi trên dòng lệnh.');
  // Check everything that needs no password before reading one.
  await withStore(values, async (store) => {
    if (await userByUsername(store.sql, username)) throw new UsernameTakenError(username);
    if (role !== 'admin') await grantResolve(store, role, values.plan, values.unit);
  });
  const password = valueCheck(passwordSchema, await cliPasswordRead(), 'Mật khẩu');
  const hash = await passwordHash(password);

  return withStore(values, async (store) => {
    const grant = role === 'admin' ? null : await grantResolve(store, role, values.plan, values.unit);
    const result = await store.sql.transaction(async (tx) => {
      const user = await userCreate(tx, { username, name, role: role === 'admin' ? 'admin' : 'user', passwordHash: hash });
      if (grant && role !== 'admin') await membershipSet(tx, { userId: user.id, planId: grant.planId, role, unitId: grant.unit?.id ?? null });
      return { id: user.id, username, name, role, planId: grant?.planId ?? null, unitId: grant?.unit?.id ?? null, unitName: grant?.unit?.name ?? null };
    });
    if (values.json) console.log(JSON.stringify(result));
    else {
      const where = result.planId ? ` trong kế hoạch ${result.planId}` : '';
      const unit = result.unitName ? `, đơn vị ${result.unitName}` : '';
      console.log(`Đã tạo tài khoản «${username}» (${role}${unit})${where}.`);
    }
    return 0;
  });
}

async function userPasswd(args: string[]): Promise<number> {
  const { values, positionals } = cliArgsParse(args, { ...STORE_OPTIONS, 'password-stdin': { type: 'boolean', default: false } });
  const username = positionals[0];
  if (!username) throw new CliError('Thiếu tên đăng nhập: phuluc user passwd U --password-stdin');
  if (!values['password-stdin']) throw new CliError('Cần --password-stdin: mật khẩu được đọc từ đầu vào chuẩn, không ghi trên dòng lệnh.');
  await withStore(values, async (store) => {
    if (!(await userByUsername(store.sql, username))) throw new CliError(`Không có tài khoản «${username}».`, 1);
  });
  const password = valueCheck(passwordSchema, await cliPasswordRead(), 'Mật khẩu');
  const hash = await passwordHash(password);
  return withStore(values, async (store) => {
    const user = await userByUsername(store.sql, username);
    if (!user) throw new CliError(`Không có tài khoản «${username}».`, 1);
    const ended = await store.sql.transaction(async (tx) => {
      await userPasswordSet(tx, user.id, hash);
      return sessionsDeleteForUser(tx, user.id);
    });
    if (values.json) console.log(JSON.stringify({ id: user.id, username: user.username, sessionsEnded: ended }));
    else console.log(`Đã đổi mật khẩu của «${user.username}»; ${ended} phiên đăng nhập cũ đã kết thúc.`);
    return 0;
  });
}

async function userGrant(args: string[]): Promise<number> {
  const { values, positionals } = cliArgsParse(args, {
    ...STORE_OPTIONS,
    role: { type: 'string' },
    unit: { type: 'string' },
    plan: { type: 'string' },
  });
  const username = positionals[0];
  if (!username) throw new CliError('Thiếu tên đăng nhập: phuluc user grant U --role R --plan MÃ_KẾ_HOẠCH');
  const role = roleParse(values.role);
  if (role === 'admin') throw new CliError('Vai trò admin là vai trò chung, không gán theo kế hoạch: dùng phuluc user add --role admin.');
  return withStore(values, async (store) => {
    const user = await userByUsername(store.sql, username);
    if (!user) throw new CliError(`Không có tài khoản «${username}».`, 1);
    const grant = await grantResolve(store, role, values.plan, values.unit);
    await membershipSet(store.sql, { userId: user.id, planId: grant.planId, role, unitId: grant.unit?.id ?? null });
    if (values.json) console.log(JSON.stringify({ username: user.username, planId: grant.planId, role, unitId: grant.unit?.id ?? null }));
    else console.log(`«${user.username}» là ${role}${grant.unit ? ` (${grant.unit.name})` : ''} trong kế hoạch ${grant.planId}.`);
    return 0;
  });
}

async function userList(args: string[]): Promise<number> {
  const { values } = cliArgsParse(args, STORE_OPTIONS);
  return withStore(values, async (store) => {
    const users = (await usersList(store.sql)).map((u) => ({ id: u.id, username: u.username, name: u.name, role: u.role, disabled: u.disabledAt !== null }));
    if (values.json) console.log(JSON.stringify(users));
    else for (const u of users) console.log(`${u.username.padEnd(16)} ${u.role.padEnd(6)} ${u.name}${u.disabled ? ' (đã khoá)' : ''}`);
    return 0;
  });
}
