import 'server-only';
import type { AuditEntry } from '@/lib/audit';
import type { Subject } from './subjects';

const lowerFirst = (s: string) => (s ? s[0]!.toLowerCase() + s.slice(1) : s);

/** "Erin Li updated a regulatory checkpoint: PBOC (payment licence), in Apple Pay × Alipay". */
export function sentence(entry: Pick<AuditEntry, 'actor' | 'action' | 'entity'>, subject: Pick<Subject, 'dealName'>): string {
  const where = entry.entity === subject.dealName ? '' : ` (${subject.dealName})`;
  return excerpt(`${entry.actor} ${lowerFirst(entry.action)}: ${entry.entity}${where}`, 300);
}

/** A notification's text is a preview: the thing itself is one click away. Cut at a word where one is near. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
