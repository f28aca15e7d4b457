import type { UrlObject } from 'url';

/**
 * A link's address as the anchor's `href`: a string as it is, an object (`{ pathname, query, hash }`,
 * as Next.js's `<Link>` takes it) written out. Query values that are lists repeat the parameter;
 * absent ones are left out.
 */
export function hrefString(href: string | UrlObject): string {
  if (typeof href === 'string') return href;
  let search = href.search ?? '';
  if (!search && href.query) {
    if (typeof href.query === 'string') search = href.query;
    else {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(href.query)) {
        for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined && one !== null) params.append(key, String(one));
      }
      search = params.toString();
    }
  }
  if (search && !search.startsWith('?')) search = `?${search}`;
  const hash = href.hash ? (href.hash.startsWith('#') ? href.hash : `#${href.hash}`) : '';
  return `${href.pathname ?? ''}${search}${hash}`;
}
