import { Badge, type Tone } from '@/components/ui/badge';
import { HEALTH_LABELS, type Health } from '@/lib/rules/health';

const TONES: Record<Health['level'], Tone> = { 'on-track': 'success', watch: 'warning', 'at-risk': 'danger' };

export function HealthBadge({ health, withReasons = false }: { health: Health; withReasons?: boolean }) {
  return (
    <div>
      <Badge tone={TONES[health.level]} title={health.reasons.join('\n')}>{HEALTH_LABELS[health.level]}</Badge>
      {withReasons ? (
        <ul className="fine-list">
          {health.reasons.slice(0, 3).map((r) => <li key={r}>{r}</li>)}
          {health.reasons.length > 3 ? <li>and {health.reasons.length - 3} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
