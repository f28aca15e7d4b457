import { describe, expect, it } from 'vitest';
import { markWords, SEARCH_MAX_PAGE, SEARCH_PAGE_SIZE } from '@/lib/search';
import { searchInputFrom, searchInputSchema } from '@/lib/schemas/search';
import { plainText, snippetAround } from '@/server/search/snippet';
import { searchTerms } from '@/server/search/terms';

// Search input and the pure parts of search (issue 15); the queries themselves: tests/db/search.test.ts.
const parse = (q: unknown, extra: Record<string, unknown> = {}) => searchInputSchema.safeParse({ q, ...extra });
const messages = (r: ReturnType<typeof parse>) => (r.success ? [] : r.error.issues.map((i) => i.message));

describe('the search input', () => {
  it('trims the words, makes runs of spaces one, and pages by 20 from page 1', () => {
    expect(parse('  Apple   Pay\t× Alipay ')).toEqual({ success: true, data: { q: 'Apple Pay × Alipay', page: 1, limit: SEARCH_PAGE_SIZE } });
    expect(searchInputFrom(new URLSearchParams('q=Alip&page=2&limit=5')).data).toEqual({ q: 'Alip', page: 2, limit: 5 });
    expect(searchInputFrom(new URLSearchParams('q=Alip')).data).toEqual({ q: 'Alip', page: 1, limit: 20 });
  });

  it('takes 1 to 200 characters, any script, direction marks, quotes and wildcards', () => {
    for (const q of ['a', 'x'.repeat(200), '\u200fAlipay\u200e', '中国人民银行', "People's \"bank\"", '%_\\', '😀']) expect(parse(q).success, q).toBe(true);
  });

  it.each([
    ['', /The search is required/],
    ['   ', /The search is required/],
    ['x'.repeat(201), /at most 200 characters/],
    ['x'.repeat(2000), /at most 200 characters/],
    ['Ali\u0000pay', /control characters/],
    ['Ali\u001bpay', /control characters/],
    ['Ali\npay', /control characters or line breaks/],
    [42, /The search/],
    [null, /The search/],
  ])('refuses %j in words', (q, message) => {
    expect(messages(parse(q)).join(' ')).toMatch(message);
  });

  it.each([
    [{ page: 0 }, /page must be a whole number from 1 to 25/],
    [{ page: SEARCH_MAX_PAGE + 1 }, /page/],
    [{ page: '2.5' }, /page/],
    [{ page: 'two' }, /page/],
    [{ limit: 0 }, /limit must be a whole number from 1 to 50/],
    [{ limit: 51 }, /limit/],
  ])('refuses a page or limit out of range: %j', (extra, message) => {
    expect(messages(parse('Alipay', extra)).join(' ')).toMatch(message);
  });
});

describe('search terms', () => {
  it('escape LIKE wildcards and the escape character, so they match themselves', () => {
    expect(searchTerms('50% off_2\\x')).toMatchObject({ like: '%50\\% off\\_2\\\\x%', prefix: '50\\% off\\_2\\\\x%' });
  });

  it('split words on anything that is not a letter or a digit, lower-cased, each once, at most six', () => {
    expect(searchTerms("People's Bank of China, people").words).toEqual(['people', 's', 'bank', 'of', 'china']);
    expect(searchTerms('a b c d e f g h').words).toHaveLength(6);
    expect(searchTerms('%%% ___').words).toEqual([]);
  });
});

describe('snippets', () => {
  const long = `${'Filler words before the match. '.repeat(8)}The PBOC licence was granted with conditions on reporting. ${'More words after it. '.repeat(8)}`;

  it('are cut around the words that matched, at word boundaries, with ellipses', () => {
    const s = snippetAround(long, 'licence');
    expect(s).toContain('PBOC licence was granted');
    expect(s.startsWith('…') && s.endsWith('…')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(161);
  });

  it('find a misspelt word by its first letters, and fall back to the start', () => {
    expect(snippetAround(long, 'licnse')).toContain('licence');
    expect(snippetAround(long, 'zzz')).toMatch(/^Filler words/);
  });

  it("read a note's markup as plain words", () => {
    expect(plainText('## Plan\n- **Sign** the [term sheet](https://example.test/x) with _Alipay_\n> `quoted`')).toBe('Plan\nSign the term sheet with Alipay\nquoted');
  });
});

describe('marked words', () => {
  it('are the exact, case-insensitive occurrences of the query words', () => {
    expect(markWords('Apple Pay × Alipay', 'alipay apple')).toEqual([
      { text: 'Apple', hit: true }, { text: ' Pay × ', hit: false }, { text: 'Alipay', hit: true },
    ]);
    expect(markWords('a (b) [c]', '(b) [c')).toEqual([{ text: 'a (b) [c]', hit: false }]);
  });
});
