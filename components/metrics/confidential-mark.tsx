import { Badge } from '@/components/ui/badge';

/** Beside a metric marked confidential for this partnership: only people cleared for it see it at all (issue 17). */
export function ConfidentialMark({ show }: { show: boolean }) {
  return show ? <Badge tone="warning" title="Confidential: hidden from partners and from roles not cleared for confidential figures">Confidential</Badge> : null;
}
