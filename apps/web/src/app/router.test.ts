import { describe, expect, it } from 'vitest';
import { loginPath, PATHS, routeParse, routeSafeNext } from './router.ts';

describe('routeParse', () => {
  it('reads the Vietnamese paths of the app', () => {
    expect(routeParse('/dang-nhap', '?tiep=%2Fke-hoach%2Fabc')).toEqual({ name: 'login', next: '/ke-hoach/abc' });
    expect(routeParse('/ke-hoach/', '')).toEqual({ name: 'plans' });
    expect(routeParse('/ke-hoach/abc123', '?bang=t1')).toEqual({ name: 'plan', planId: 'abc123', tableId: 't1' });
    expect(routeParse('/', '')).toEqual({ name: 'home' });
    expect(routeParse('/khac', '')).toEqual({ name: 'notFound' });
  });

  it('reads the paths of a saved version and of a comparison, and writes them back', () => {
    expect(routeParse('/ke-hoach/p1/phien-ban/v%201', '?bang=t1')).toEqual({ name: 'version', planId: 'p1', versionId: 'v 1', tableId: 't1' });
    expect(routeParse('/ke-hoach/p1/so-sanh', '?bang=t1&tu=v1&den=live')).toEqual({ name: 'compare', planId: 'p1', tableId: 't1', from: 'v1', to: 'live' });
    expect(PATHS.version('p1', 'v 1', 't1')).toBe('/ke-hoach/p1/phien-ban/v%201?bang=t1');
    expect(PATHS.compare('p1', { tableId: 't1', from: 'v1', to: 'live' })).toBe('/ke-hoach/p1/so-sanh?bang=t1&tu=v1&den=live');
    expect(routeParse('/ke-hoach/p1/phien-ban/%E0%A4', '')).toEqual({ name: 'notFound' });
  });

  it('reads and writes the paths of tracking and of a period\'s report', () => {
    expect(routeParse('/ke-hoach/p1/theo-doi', '')).toEqual({ name: 'tracking', planId: 'p1', periodId: null });
    expect(routeParse('/ke-hoach/p1/theo-doi', '?ky=2026-03')).toEqual({ name: 'tracking', planId: 'p1', periodId: '2026-03' });
    expect(PATHS.tracking('p 1', '2026-Q2')).toBe('/ke-hoach/p%201/theo-doi?ky=2026-Q2');
    expect(routeParse('/ke-hoach/p1/bao-cao/2026-03', '')).toEqual({ name: 'report', planId: 'p1', periodId: '2026-03', unitId: null });
    expect(routeParse('/ke-hoach/p1/bao-cao/2026-03', '?don-vi=u%201')).toEqual({ name: 'report', planId: 'p1', periodId: '2026-03', unitId: 'u 1' });
    expect(PATHS.report('p1', '2026-03', 'u1')).toBe('/ke-hoach/p1/bao-cao/2026-03?don-vi=u1');
    expect(routeParse('/ke-hoach/p1/bao-cao/%E0%A4%A', '').name).toBe('notFound');
  });

  it('reads and writes the path of the review overview', () => {
    expect(routeParse('/ke-hoach/p1/duyet', '')).toEqual({ name: 'review', planId: 'p1', tableId: null });
    expect(routeParse('/ke-hoach/p1/duyet/', '?bang=t1')).toEqual({ name: 'review', planId: 'p1', tableId: 't1' });
    expect(PATHS.review('p 1', 't1')).toBe('/ke-hoach/p%201/duyet?bang=t1');
    expect(routeParse('/ke-hoach/%E0%A4/duyet', '')).toEqual({ name: 'notFound' });
  });

  it('never returns to another site after login', () => {
    expect(routeSafeNext('//evil.example/x')).toBeNull();
    expect(routeSafeNext('https://evil.example')).toBeNull();
    expect(routeSafeNext('/dang-nhap')).toBeNull();
    expect(loginPath('/ke-hoach/abc')).toBe('/dang-nhap?tiep=%2Fke-hoach%2Fabc');
  });

  it('a tiep path with a backslash, a tab or another scheme never leaves the app (history.replaceState threw on /\\example.invalid/x)', () => {
    const origin = 'https://phuluc.example';
    for (const next of ['/\\example.invalid/x', '/\\/example.invalid', '/\t/example.invalid', '/\n/example.invalid', '\\\\example.invalid', 'javascript:alert(1)', '/%2F/example.invalid/../..', '/dang-nhap?tiep=/x']) {
      const safe = routeSafeNext(next);
      if (safe !== null) expect(new URL(safe, origin).origin, next).toBe(origin);
      expect(safe === null || !safe.startsWith('//'), next).toBe(true);
    }
    expect(routeSafeNext('/\\example.invalid/x')).toBeNull();
    expect(routeParse('/dang-nhap', `?tiep=${encodeURIComponent('/\\example.invalid/x')}`)).toEqual({ name: 'login', next: null });
    expect(loginPath('/\\example.invalid/x')).toBe('/dang-nhap');
    // Paths of the app still come back, query included.
    expect(routeSafeNext('/ke-hoach/p1/so-sanh?bang=t1&tu=v1')).toBe('/ke-hoach/p1/so-sanh?bang=t1&tu=v1');
  });
});
