/**
 * The web client reads the server through the domain's contracts: each API function returns
 * exactly what the domain schema of its route says (checked by the type checker: a field changed
 * in a schema changes these types, and the server's answers are typed by the same schemas), and
 * an answer that does not parse is an ApiFailure with a Vietnamese message, never a crash later on.
 */
import type {
  activityPageSchema,
  compareResponseSchema,
  importCommittedSchema,
  importPreviewSchema,
  loginResponseSchema,
  meResponseSchema,
  membersResponseSchema,
  okResponseSchema,
  planDetailResponseSchema,
  planListResponseSchema,
  unitsResponseSchema,
  versionCreateResponseSchema,
  versionDetailResponseSchema,
  versionListResponseSchema} from '@phuluc/domain';
import {
  type Finding
} from '@phuluc/domain';
import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { z } from 'zod';
import { apiActivity, apiMembers } from '../review/review-api.ts';
import { ApiFailure, apiLogin, apiLogout, apiMe, apiPlan, apiPlans, apiUnits } from './api.ts';
import { exportFetch } from './export-api.ts';
import { apiImportCommit, apiImportPreview } from './import-api.ts';
import { apiCompare, apiVersion, apiVersionCreate, apiVersionExport, apiVersions } from './versions-api.ts';

type Out<S extends z.ZodType> = z.output<S>;

describe('the API functions return the domain contracts', () => {
  it('of the session, the plans and the units', () => {
    expectTypeOf(apiLogin).returns.resolves.toEqualTypeOf<Out<typeof loginResponseSchema>>();
    expectTypeOf(apiLogout).returns.resolves.toEqualTypeOf<Out<typeof okResponseSchema>>();
    expectTypeOf(apiMe).returns.resolves.toEqualTypeOf<Out<typeof meResponseSchema>['user'] | null>();
    expectTypeOf(apiPlans).returns.resolves.toEqualTypeOf<Out<typeof planListResponseSchema>['plans']>();
    expectTypeOf(apiPlan).returns.resolves.toEqualTypeOf<Out<typeof planDetailResponseSchema>>();
    expectTypeOf(apiUnits).returns.resolves.toEqualTypeOf<Out<typeof unitsResponseSchema>['units']>();
  });

  it('of the versions, the imports, the exports and the review', () => {
    expectTypeOf(apiVersions).returns.resolves.toEqualTypeOf<Out<typeof versionListResponseSchema>['versions']>();
    expectTypeOf(apiVersionCreate).returns.resolves.toEqualTypeOf<Out<typeof versionCreateResponseSchema>['version']>();
    expectTypeOf(apiVersion).returns.resolves.toEqualTypeOf<Out<typeof versionDetailResponseSchema>>();
    expectTypeOf(apiCompare).returns.resolves.toEqualTypeOf<Out<typeof compareResponseSchema>>();
    expectTypeOf(apiImportPreview).returns.resolves.toEqualTypeOf<Out<typeof importPreviewSchema>>();
    expectTypeOf(apiImportCommit).returns.resolves.toEqualTypeOf<Out<typeof importCommittedSchema>>();
    expectTypeOf(apiMembers).returns.resolves.toEqualTypeOf<Out<typeof membersResponseSchema>['members']>();
    expectTypeOf(apiActivity).returns.resolves.toEqualTypeOf<Out<typeof activityPageSchema>>();
    expectTypeOf(exportFetch).returns.resolves.toEqualTypeOf<{ ok: true; blob: Blob; fileName: string } | { ok: false; message: string; findings: Finding[] }>();
    expectTypeOf(apiVersionExport).returns.resolves.toEqualTypeOf<{ ok: true; blob: Blob; fileName: string } | { ok: false; message: string }>();
  });
});

/** Every fetch answers `body` with `status` (JSON). */
function serverAnswers(status: number, body: unknown): void {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const PLAN = {
  id: 'p1',
  commune: 'Tân Thanh',
  province: 'Tuyên Quang',
  year: 2026,
  title: 'Kế hoạch chuyển đổi số năm 2026 của xã Tân Thanh',
  tables: 1,
  myRole: 'editor',
  myUnit: { id: 'phong-kinh-te', name: 'Phòng Kinh tế' },
};

describe('an answer of the server', () => {
  it('that follows the contract is read as it came', async () => {
    serverAnswers(200, { plans: [PLAN] });
    expect(await apiPlans()).toEqual([PLAN]);
  });

  it('that does not follow the contract is an ApiFailure naming where, in Vietnamese', async () => {
    serverAnswers(200, { plans: [{ ...PLAN, year: '2026' }] });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failure = await apiPlans().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ status: 200, code: 'invalidResponse' });
    expect((failure as ApiFailure).message).toBe(
      'Máy chủ trả lời không đúng như ứng dụng chờ đợi (ở mục «plans.0.year»). Hãy tải lại trang; nếu vẫn lỗi, hãy báo cho quản trị viên.',
    );
    expect(logged).toHaveBeenCalled();
  });

  it('that is an error keeps the server’s code and Vietnamese message', async () => {
    serverAnswers(404, { error: { code: 'planNotFound', message: 'Không tìm thấy kế hoạch.' } });
    await expect(apiPlan('khong-co')).rejects.toMatchObject({ status: 404, code: 'planNotFound', message: 'Không tìm thấy kế hoạch.' });
  });

  it('that refuses a final export comes back as the findings to show', async () => {
    const finding = { code: 'lead.missing', severity: 'error', tableId: 't1', rowId: 'r1', field: 'lead', message: 'Chưa có đơn vị chủ trì.', row: 'I.1' };
    serverAnswers(422, { error: { code: 'exportHasErrors', message: 'Bảng còn 1 lỗi.' }, findings: [finding] });
    expect(await exportFetch('p1', 't1', 'docx', false)).toEqual({ ok: false, message: 'Bảng còn 1 lỗi.', findings: [finding] });
  });
});
