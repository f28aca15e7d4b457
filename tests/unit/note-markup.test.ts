import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NoteBody } from '@/components/notes/note-body';
import { mentionAt, mentionedEmails, mentionMatches, splitMentions } from '@/lib/notes/mentions';

const render = (body: string, mentions: { email: string; name: string }[] = []) => renderToStaticMarkup(createElement(NoteBody, { body, mentions }));

/**
 * Every element, attribute name and href in the markup. React escapes text ("<" becomes "&lt;"),
 * so a "<" in the output always opens a real element: text that merely reads "onerror=" is inert.
 */
function anatomy(html: string) {
  const elements = [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)];
  const tags = elements.map((m) => (m[1] ?? '').toLowerCase());
  const attributes = elements.flatMap((m) => [...(m[2] ?? '').matchAll(/\s+([^\s=>]+)(?:="[^"]*")?/g)].map((a) => (a[1] ?? '').toLowerCase()));
  const hrefs = elements.flatMap((m) => [...(m[2] ?? '').matchAll(/href="([^"]*)"/g)].map((a) => a[1] ?? ''));
  return { tags, attributes, hrefs };
}

const ALLOWED_TAGS = new Set(['div', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'br', 'span']);
const ALLOWED_ATTRIBUTES = new Set(['class', 'href', 'rel', 'title', 'data-mention']);

// What people try (OWASP XSS filter evasion cheat sheet, shortened): raw HTML, event attributes,
// script URLs in every link form markdown has, entity-encoded and mixed-case schemes.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1) )',
  '[click](&#106;avascript:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '<javascript:alert(1)>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '![x](javascript:alert(1))',
  '![x](https://example.com/x.png" onerror="alert(1))',
  '<div onclick="alert(1)">hi</div>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
  '**bold <b onmouseover=alert(1)>x</b>**',
];

describe('note markup renders hostile text inert', () => {
  for (const body of HOSTILE) {
    it(JSON.stringify(body), () => {
      const html = render(body);
      const { tags, attributes, hrefs } = anatomy(html);
      expect(tags.filter((t) => !ALLOWED_TAGS.has(t)), html).toEqual([]);
      expect(attributes.filter((a) => !ALLOWED_ATTRIBUTES.has(a)), html).toEqual([]);
      for (const href of hrefs) expect(href, html).toMatch(/^(https?:|mailto:|\/|#|\?)/i);
      // Nothing but the note's own wrapper and the elements markdown made; no element a browser runs.
      expect(html).not.toMatch(/<(script|img|iframe|svg|style|object|embed)/i);
    });
  }

  it('keeps what notes are for: paragraphs, lists, links, bold and italic', () => {
    const html = render('First *we agreed* on **fees**.\n\n- one\n- two\n\n1. a\n2. b\n\nSee [the memo](https://example.com/memo) or [the deal](/partnerships/x).');
    expect(html).toContain('<em>we agreed</em>');
    expect(html).toContain('<strong>fees</strong>');
    expect(html).toMatch(/<ul[^>]*>\s*<li>one<\/li>/);
    expect(html).toMatch(/<ol[^>]*>\s*<li>a<\/li>/);
    expect(html).toContain('href="https://example.com/memo"');
    expect(html).toContain('rel="nofollow noopener noreferrer"');
    expect(html).toContain('href="/partnerships/x"');
  });

  it('shows headings, images and code as their plain text', () => {
    const html = render('# Heading\n\n`code` and ![alt](https://example.com/a.png)');
    expect(html).toContain('Heading');
    expect(html).toContain('code');
    expect(anatomy(html).tags.filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
  });
});

describe('mentions', () => {
  it('finds each mentioned address once, lower-cased, without a sentence full stop', () => {
    expect(mentionedEmails('Hi @Erin@Accord.local and @bd@accord.local. Again @erin@accord.local.')).toEqual(['erin@accord.local', 'bd@accord.local']);
    expect(mentionedEmails('mail erin@accord.local (not a mention) or (@bd@accord.local)')).toEqual(['bd@accord.local']);
    expect(mentionedEmails('nothing here @ all')).toEqual([]);
  });

  it('renders a mention as the person’s name, and an unknown address as typed', () => {
    const html = render('Ask @erin@accord.local, not @nobody@example.com.', [{ email: 'erin@accord.local', name: 'Erin Executive' }]);
    expect(html).toContain('data-mention="erin@accord.local"');
    expect(html).toContain('@Erin Executive');
    expect(html).toContain('@nobody@example.com');
  });

  it('does not turn a link’s text into a mention', () => {
    const html = render('[@erin@accord.local](https://example.com)', [{ email: 'erin@accord.local', name: 'Erin Executive' }]);
    expect(html).not.toContain('data-mention');
  });

  it('splits text into runs that join back to the original', () => {
    const text = 'a @x@y.com b @z@w.org. c';
    expect(splitMentions(text).map((p) => ('text' in p ? p.text : p.typed)).join('')).toBe(text);
  });

  it('renders a kept note again the same, and again when a mentioned person is renamed', () => {
    const body = `Kept **note** for @erin@accord.local, ${Math.random()}`;
    const erin = [{ email: 'erin@accord.local', name: 'Erin Executive' }];
    const first = render(body, erin);
    expect(render(body, erin)).toBe(first);
    const renamed = render(body, [{ email: 'erin@accord.local', name: 'Erin Renamed' }]);
    expect(renamed).toContain('@Erin Renamed');
    expect(renamed).not.toContain('@Erin Executive');
    expect(render(body, [])).toContain('@erin@accord.local');
    // Past the bound (500 kept), the oldest are dropped and rendered afresh, still right.
    for (let i = 0; i < 600; i++) expect(render(`note ${i} *x*`)).toBe(`<div class="${first.match(/^<div class="([^"]*)"/)![1]}"><p class="my-1 whitespace-pre-line first:mt-0 last:mb-0">note ${i} <em>x</em></p></div>`);
    expect(render(body, erin)).toBe(first);
  });

  it('matches a person by letters anywhere in their name or address, in any case', () => {
    const erin = { name: 'Erin Executive', email: 'executive@accord.local' };
    expect(['', 'eri', 'ERIN', 'cutive', 'accord.l', 'e@a'].map((q) => mentionMatches(erin, q))).toEqual([true, true, true, true, true, true]);
    expect(['ana', 'erin e x', 'executive@accord.locals'].map((q) => mentionMatches(erin, q))).toEqual([false, false, false]);
  });

  it('knows the mention being typed at the caret', () => {
    expect(mentionAt('Hello @er', 9)).toEqual({ query: 'er', start: 6 });
    expect(mentionAt('@', 1)).toEqual({ query: '', start: 0 });
    expect(mentionAt('mail a@b', 8)).toBeNull();
    expect(mentionAt('Hello @er and', 13)).toBeNull();
  });
});
