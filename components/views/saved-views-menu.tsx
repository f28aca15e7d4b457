import { keepViewParameters, sameViewQuery, type ViewKind } from '@/lib/schemas/views';
import type { Actor } from '@/server/auth/actor';
import { actorCan } from '@/server/auth/guard';
import type { SavedViewDto } from '@/server/views/queries';
import { SavedViews } from './saved-views';

type Search = Record<string, string | string[] | undefined>;

/** The page's current filters as a view keeps them; a metrics view also names its partnership (first). */
export function currentViewQuery(kind: ViewKind, search: Search, partnership?: string): string {
  const params = new URLSearchParams();
  if (partnership) params.append('partnership', partnership);
  for (const [key, value] of Object.entries(search)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) params.append(key, v);
  }
  const kept = keepViewParameters(kind, params.toString());
  return 'query' in kept ? kept.query : partnership ? new URLSearchParams({ partnership }).toString() : '';
}

/**
 * The "Saved views" menu of a page: the reader's views (read by the page, per person, outside any
 * kept computation), the one showing now marked, and what the reader may do with each.
 */
export function SavedViewsMenu({ actor, kind, views, search, partnership, align }: {
  actor: Actor;
  kind: ViewKind;
  views: readonly SavedViewDto[];
  search: Search;
  partnership?: string;
  align?: 'left' | 'right';
}) {
  const query = currentViewQuery(kind, search, partnership);
  return (
    <SavedViews
      kind={kind}
      query={query}
      align={align}
      canSave={actorCan(actor, 'views.save')}
      canModerate={actorCan(actor, 'views.moderate')}
      views={views.map((v) => ({ id: v.id, name: v.name, shared: v.shared, href: v.href, owner: v.owner, mine: v.mine, version: v.version, active: sameViewQuery(kind, v.query, query) }))}
    />
  );
}
