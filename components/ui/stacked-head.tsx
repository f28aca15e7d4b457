import type { ReactNode } from 'react';
import { stack } from '@/lib/stacked-table';

/**
 * The header row of a stacked table (lib/stacked-table.ts): one column per name, and with
 * `actions` a last column that only screen readers name ("Actions"), above the rows' buttons.
 */
export function StackedHead({ columns, actions = false }: { columns: ReactNode[]; actions?: boolean }) {
  return (
    <thead className={stack.head}>
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col" className="px-4 py-3 font-medium">
            {column}
          </th>
        ))}
        {actions ? (
          <th scope="col" className="px-4 py-3 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
