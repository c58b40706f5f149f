import { describe, expect, it } from 'vitest';
import { loginPath, routeParse, routeSafeNext } from './router.ts';

describe('routeParse', () => {
  it('reads the Vietnamese paths of the app', () => {
    expect(routeParse('/dang-nhap', '?tiep=%2Fke-hoach%2Fabc')).toEqual({ name: 'login', next: '/ke-hoach/abc' });
    expect(routeParse('/ke-hoach/', '')).toEqual({ name: 'plans' });
    expect(routeParse('/ke-hoach/abc123', '?bang=t1')).toEqual({ name: 'plan', planId: 'abc123', tableId: 't1' });
    expect(routeParse('/', '')).toEqual({ name: 'home' });
    expect(routeParse('/khac', '')).toEqual({ name: 'notFound' });
  });

  it('never returns to another site after login', () => {
    expect(routeSafeNext('//evil.example/x')).toBeNull();
    expect(routeSafeNext('https://evil.example')).toBeNull();
    expect(routeSafeNext('/dang-nhap')).toBeNull();
    expect(loginPath('/ke-hoach/abc')).toBe('/dang-nhap?tiep=%2Fke-hoach%2Fabc');
  });
});
