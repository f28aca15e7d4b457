import { describe, expect, it } from 'vitest';
import { hrefString } from '@/lib/href';

// components/link.tsx writes a link's address with this: what Next.js's <Link> took as an object
// must come out as the same address.
describe('a link address written out', () => {
  it('keeps a string as it is', () => {
    expect(hrefString('/partnerships/x?from=2026-01-01#rollout')).toBe('/partnerships/x?from=2026-01-01#rollout');
  });

  it('writes an object with its query and hash, leaving absent values out and repeating lists', () => {
    expect(hrefString({ pathname: '/partnerships/x', query: { range: '90d', milestones: 'all', gone: undefined, none: null, region: ['US', 'CN'] }, hash: 'milestones' }))
      .toBe('/partnerships/x?range=90d&milestones=all&region=US&region=CN#milestones');
    expect(hrefString({ pathname: '/audit' })).toBe('/audit');
    expect(hrefString({ pathname: '/audit', query: {} , hash: '#top' })).toBe('/audit#top');
    expect(hrefString({ pathname: '/audit', search: '?page=2' })).toBe('/audit?page=2');
    expect(hrefString({ pathname: '/audit', query: 'page=3' })).toBe('/audit?page=3');
  });

  it('escapes odd text in query values so the address reads back the same', () => {
    const odd = 'a&b=c #d\u200f\u0007' + 'x'.repeat(2000);
    const href = hrefString({ pathname: '/search', query: { q: odd } });
    expect(new URL(href, 'http://localhost').searchParams.get('q')).toBe(odd);
  });
});
