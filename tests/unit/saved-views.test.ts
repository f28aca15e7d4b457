import { describe, expect, it } from 'vitest';
import { canonicalViewQuery, createViewSchema, keepViewParameters, sameViewQuery, updateViewSchema, viewHref, VIEW_PARAMETERS } from '@/lib/schemas/views';

describe('saved views: the query a view keeps (issue 16, item 3)', () => {
  it('keeps the parameters each page reads, in a fixed order; drops paging, the exports’ and unknown ones', () => {
    expect(VIEW_PARAMETERS).toEqual({
      metrics: ['partnership', 'metric', 'region', 'from', 'to', 'granularity', 'mode'],
      portfolio: ['stage', 'health', 'sort', 'view', 'show'],
    });
    expect(keepViewParameters('portfolio', '?page=2&show=ended&stage=SIGNED&utm=1&health=')).toEqual({ query: 'stage=SIGNED&show=ended' });
    expect(keepViewParameters('portfolio', '')).toEqual({ query: '' });
    expect(keepViewParameters('metrics', 'granularity=week&partnership=apple-pay-alipay&metric=a&metric=b&format=csv&download=1&page=3'))
      .toEqual({ query: 'partnership=apple-pay-alipay&metric=a&metric=b&granularity=week' });
    // Read once: the first value, as the pages read it.
    expect(keepViewParameters('portfolio', 'sort=name&sort=stage')).toEqual({ query: 'sort=name' });
  });

  it('names what is wrong: a metrics view without its partnership, control characters, an address too long', () => {
    expect(keepViewParameters('metrics', 'granularity=week')).toMatchObject({ problem: expect.stringMatching(/belongs to a partnership/) });
    expect(keepViewParameters('metrics', 'partnership=Not%20A%20Slug')).toMatchObject({ problem: expect.stringMatching(/is not a partnership’s web address/) });
    expect(keepViewParameters('portfolio', 'stage=%00')).toMatchObject({ problem: expect.stringMatching(/"stage" contains control characters/) });
    expect(keepViewParameters('portfolio', `stage=${'é'.repeat(400)}`)).toMatchObject({ problem: expect.stringMatching(/longer than 2,000 characters/) });
  });

  it('a view is a URL: the portfolio’s or the partnership’s explorer with the rest of the query', () => {
    expect(viewHref('portfolio', '')).toBe('/');
    expect(viewHref('portfolio', 'stage=SIGNED&view=board')).toBe('/?stage=SIGNED&view=board');
    expect(viewHref('metrics', 'partnership=apple-pay-alipay')).toBe('/partnerships/apple-pay-alipay/metrics');
    expect(viewHref('metrics', 'partnership=apple-pay-alipay&metric=cards_added&granularity=week')).toBe('/partnerships/apple-pay-alipay/metrics?metric=cards_added&granularity=week');
  });

  it('two addresses showing the same thing are the same view', () => {
    expect(sameViewQuery('portfolio', '', 'sort=health&view=table&page=3')).toBe(true);
    expect(sameViewQuery('portfolio', 'stage=SIGNED', 'stage=SIGNED&health=at-risk')).toBe(false);
    const p = 'partnership=apple-pay-alipay';
    expect(sameViewQuery('metrics', `${p}&metric=b&metric=a&region=us`, `${p}&metric=a,b&region=US&granularity=day&mode=period`)).toBe(true);
    expect(sameViewQuery('metrics', `${p}&granularity=week`, `${p}&granularity=month`)).toBe(false);
    expect(sameViewQuery('metrics', `${p}&granularity=week`, 'partnership=other-deal&granularity=week')).toBe(false);
    expect(canonicalViewQuery('metrics', 'nonsense')).toMatch(/^partnership=&/);
  });

  it('the schemas: a cleaned query, names in words, shared as a boolean or a checkbox', () => {
    expect(createViewSchema.parse({ name: '  Signed  ', kind: 'portfolio', shared: 'on', query: 'stage=SIGNED&page=2' })).toEqual({ name: 'Signed', kind: 'portfolio', shared: true, query: 'stage=SIGNED' });
    expect(createViewSchema.parse({ name: 'x', kind: 'portfolio' })).toEqual({ name: 'x', kind: 'portfolio', shared: false, query: '' });
    const refused = createViewSchema.safeParse({ name: 'a\u0007', kind: 'metrics', shared: 'maybe', query: 'mode=cumulative' });
    expect(refused.success).toBe(false);
    const messages = Object.fromEntries((refused.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages.name).toMatch(/cannot contain control characters/);
    expect(messages.shared).toMatch(/Shared is true/);
    expect(updateViewSchema.parse({})).toEqual({});
    expect(updateViewSchema.parse({ shared: false, version: '2' })).toEqual({ shared: false, version: 2 });
  });
});
