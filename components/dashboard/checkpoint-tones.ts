import type { Tone } from '@/components/ui/badge';
import type { CheckpointStatus, RiskLevel } from '@/lib/domain';

/** The badge colours of a checkpoint's risk and status, the same on the board and the checkpoint's page. */
export const RISK_TONE: Record<RiskLevel, Tone> = { LOW: 'neutral', MEDIUM: 'info', HIGH: 'warning', CRITICAL: 'danger' };
export const STATUS_TONE: Partial<Record<CheckpointStatus, Tone>> = { APPROVED: 'success', APPROVED_WITH_CONDITIONS: 'success', REJECTED: 'danger' };
