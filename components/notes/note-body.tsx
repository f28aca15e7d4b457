import type { ReactElement } from 'react';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import { splitMentions } from '@/lib/notes/mentions';

/**
 * A note's text, rendered from its small markup (issue 15): paragraphs, lists, links, bold and
 * italic, and @mentions as names. react-markdown never renders raw HTML (no rehype-raw here), keeps
 * only the elements below (anything else shows its text), and its URL transform drops `javascript:`,
 * `data:` and other unsafe schemes (only http, https, mailto and relative addresses survive).
 * tests/unit/note-markup.test.tsx renders hostile notes and checks they come out inert.
 */
const ALLOWED = ['p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'br', 'span'];

type Node = { type: string; value?: string; children?: Node[]; data?: Record<string, unknown> };

/** A remark plugin: "@ana@apple.example" in text becomes a mention of the person it names. */
function remarkMentions(names: ReadonlyMap<string, string>) {
  const walk = (node: Node) => {
    if (!node.children || node.type === 'link' || node.type === 'linkReference') return;
    node.children = node.children.flatMap((child): Node[] => {
      if (child.type !== 'text' || !child.value?.includes('@')) {
        walk(child);
        return [child];
      }
      return splitMentions(child.value).map((part): Node => {
        if ('text' in part) return { type: 'text', value: part.text };
        const name = names.get(part.email);
        if (!name) return { type: 'text', value: part.typed };
        return {
          type: 'mention',
          data: { hName: 'span', hProperties: { className: 'mention', 'data-mention': part.email, title: part.email }, hChildren: [{ type: 'text', value: `@${name}` }] },
        };
      });
    });
  };
  return () => (tree: Node) => walk(tree);
}

const SAFE_SCHEME = /^(https?:|mailto:|\/|#|\?)/i;

export function safeNoteUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  // Relative addresses like "partnerships/x" are ambiguous in a note shown on many pages: keep only
  // absolute web and mail addresses, and site paths.
  return cleaned && SAFE_SCHEME.test(cleaned) ? cleaned : '';
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="nofollow noopener noreferrer" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-600 dark:text-brand-300">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  ul: ({ children }) => <ul className="my-1 list-disc pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-1 list-decimal pl-5">{children}</ol>,
  // A line break typed inside a paragraph stays a line break, as people expect in a comment; the
  // container itself keeps normal white space so the newlines between blocks add no blank lines.
  p: ({ children }) => <p className="my-1 whitespace-pre-line first:mt-0 last:mb-0">{children}</p>,
};

type Mention = { email: string; name: string };

// A note's rendered markup, kept per text and mentions: a dashboard shows the same latest notes to
// every reader, and parsing markdown was 1.4% of a flagship view's CPU (issue 14). React elements
// are immutable, so one tree serves every render. Bounded: the oldest entry goes first.
const RENDERED_KEPT = 500;
const rendered = new Map<string, ReactElement>();

function renderedNote(body: string, mentions: readonly Mention[]): ReactElement {
  const key = JSON.stringify([body, mentions.map((m) => [m.email, m.name])]);
  let tree = rendered.get(key);
  if (tree === undefined) {
    const names = new Map(mentions.map((m) => [m.email, m.name]));
    tree = Markdown({ allowedElements: ALLOWED, unwrapDisallowed: true, skipHtml: true, urlTransform: safeNoteUrl, remarkPlugins: [remarkMentions(names)], components, children: body });
    if (rendered.size >= RENDERED_KEPT) rendered.delete(rendered.keys().next().value!);
  } else rendered.delete(key); // re-inserted below: most recently used last
  rendered.set(key, tree);
  return tree;
}

export function NoteBody({ body, mentions }: { body: string; mentions: readonly Mention[] }) {
  return (
    <div className="user-text whitespace-normal text-sm leading-relaxed text-slate-800 dark:text-slate-200 [&_.mention]:rounded [&_.mention]:bg-brand-50 [&_.mention]:px-1 [&_.mention]:font-medium [&_.mention]:text-brand-700 dark:[&_.mention]:bg-slate-800 dark:[&_.mention]:text-brand-300">
      {renderedNote(body, mentions)}
    </div>
  );
}
