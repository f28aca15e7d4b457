import { describe, expect, it } from 'vitest';
import { parseMetricsQuery } from '@/lib/schemas/metrics-api';
import { neutralizeCell } from '@/server/metrics/stream';

const parse = (qs: string) => parseMetricsQuery(new URLSearchParams(qs));

describe('metrics API parameters', () => {
  it('reads repeatable and comma-separated lists and defaults', () => {
    expect(parse('metric=cards_added,transactions&metric=active_cards&region=us&region=GB')).toEqual({
      query: { metrics: ['cards_added', 'transactions', 'active_cards'], regions: ['US', 'GB'], from: null, to: null, granularity: 'day', format: 'json' },
    });
  });

  it.each([
    ['from=2014-02-30', 'from'],
    ['to=yesterday', 'to'],
    ['from=2015-01-02&to=2015-01-01', 'from'],
    ['granularity=hour', 'granularity'],
    ['format=pdf', 'format'],
    ['format=xlsx', 'format'],
    ['metric=cards;drop', 'metric'],
    ['region=' + 'x'.repeat(80), 'region'],
    ['limit=10', 'limit'],
  ])('%s is refused, naming %s', (qs, parameter) => {
    const result = parse(qs);
    expect(result).toMatchObject({ problem: { parameter } });
  });
});

describe('formula injection', () => {
  it.each(['=SUM(A1)', '+1', '-1+2', '@cmd', '\tx', '\rx'])('neutralizes %j', (cell) => {
    expect(neutralizeCell(cell)).toBe(`'${cell}`);
  });
  it('leaves ordinary text alone', () => {
    expect(neutralizeCell('US')).toBe('US');
    expect(neutralizeCell('2014-10-20')).toBe('2014-10-20');
  });
});
