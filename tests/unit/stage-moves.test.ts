import { describe, expect, it } from 'vitest';
import { allowedMoves, boardStages, moveNeeds } from '@/lib/rules/stage-moves';
import { includesEnded, portfolioHref, portfolioParamsSchema } from '@/lib/schemas/portfolio';

describe('what the board offers (derived from the stage graph)', () => {
  it('has a column per open stage and On hold; Ended only with the archive', () => {
    expect(boardStages(false)).toEqual(['EXPLORING', 'NEGOTIATING', 'SIGNED', 'INTEGRATING', 'LAUNCHED', 'ON_HOLD']);
    expect(boardStages(true).at(-1)).toBe('ENDED');
  });

  it('offers the moves the graph allows, and a deal on hold resumes only up to the stage it left', () => {
    expect(allowedMoves('INTEGRATING')).toEqual(['LAUNCHED', 'ON_HOLD', 'ENDED']);
    expect(allowedMoves('LAUNCHED')).toEqual(['ON_HOLD', 'ENDED']);
    expect(allowedMoves('ENDED')).toEqual(['EXPLORING']);
    expect(allowedMoves('ON_HOLD', 'NEGOTIATING')).toEqual(['EXPLORING', 'NEGOTIATING', 'ENDED']);
    expect(allowedMoves('ON_HOLD', null)).toEqual(['EXPLORING', 'NEGOTIATING', 'SIGNED', 'INTEGRATING', 'LAUNCHED', 'ENDED']);
  });

  it('asks for a reason on hold, ended, back-moves and resuming; a signing date only when none is recorded', () => {
    expect(moveNeeds('INTEGRATING', 'LAUNCHED', true)).toEqual({ reason: false, signedOn: false });
    expect(moveNeeds('NEGOTIATING', 'SIGNED', false)).toEqual({ reason: false, signedOn: true });
    expect(moveNeeds('SIGNED', 'NEGOTIATING', true)).toEqual({ reason: true, signedOn: false });
    expect(moveNeeds('LAUNCHED', 'ON_HOLD', true)).toEqual({ reason: true, signedOn: false });
    expect(moveNeeds('ON_HOLD', 'INTEGRATING', false)).toEqual({ reason: true, signedOn: true });
    expect(moveNeeds('ENDED', 'EXPLORING', false)).toEqual({ reason: true, signedOn: false });
  });
});

describe('portfolio URL', () => {
  it('keeps the view and the archive in the query string, leaving defaults out', () => {
    const params = portfolioParamsSchema.parse({ view: 'board', show: 'ended', sort: 'bogus' });
    expect(params).toEqual({ view: 'board', show: 'ended', sort: undefined, stage: undefined, health: undefined, page: undefined });
    expect(portfolioHref(params)).toBe('/?view=board&show=ended');
    expect(portfolioHref(params, { view: 'table' })).toBe('/?show=ended');
    expect(portfolioHref({})).toBe('/');
  });

  it('pages the table: a page link keeps the filters; any other change starts again at page 1', () => {
    const params = portfolioParamsSchema.parse({ health: 'at-risk', page: '3' });
    expect(params.page).toBe(3);
    expect(portfolioHref(params, { page: 4 })).toBe('/?health=at-risk&page=4');
    expect(portfolioHref(params, { page: 1 })).toBe('/?health=at-risk');
    expect(portfolioHref(params, { sort: 'name' })).toBe('/?health=at-risk&sort=name');
    expect(portfolioHref(params)).toBe('/?health=at-risk');
    for (const junk of ['0', '-2', 'two', '1.5', '1e9']) expect(portfolioParamsSchema.parse({ page: junk }).page).toBeUndefined();
  });

  it('shows ended partnerships with ?show=ended or the stage filter set to Ended', () => {
    expect(includesEnded({})).toBe(false);
    expect(includesEnded({ show: 'ended' })).toBe(true);
    expect(includesEnded({ stage: 'ENDED' })).toBe(true);
  });
});
