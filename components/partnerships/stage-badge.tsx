import { Badge, type Tone } from '@/components/ui/badge';
import { STAGE_LABELS, type PartnershipStage } from '@/lib/domain';

const STAGE_TONES: Record<PartnershipStage, Tone> = {
  EXPLORING: 'neutral',
  NEGOTIATING: 'info',
  SIGNED: 'brand',
  INTEGRATING: 'brand',
  LAUNCHED: 'success',
  ON_HOLD: 'warning',
  ENDED: 'neutral',
};

export function StageBadge({ stage }: { stage: PartnershipStage }) {
  return <Badge tone={STAGE_TONES[stage]}>{STAGE_LABELS[stage]}</Badge>;
}
