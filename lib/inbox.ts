/** Why a notification reached you, in the inbox's words (issue 16). */
export const REASON_LABELS = {
  MENTION: 'Mentioned you',
  DECISION: 'Regulator’s decision',
  IMPORT_FINISHED: 'Import',
  EVIDENCE_EXPIRING: 'Evidence expiring',
  MILESTONE_OVERDUE: 'Overdue',
  OWNED: 'You own it',
  WATCHED: 'You watch it',
  WEBHOOK_DISABLED: 'Webhook disabled',
  APPROVAL_REQUESTED: 'Approval requested',
  APPROVAL_DECIDED: 'Your request',
} as const;

export type NotificationReasonName = keyof typeof REASON_LABELS;

/** The event the shell's Inbox link listens for, sent when the page changed the unread count. */
export const INBOX_CHANGED_EVENT = 'accord:inbox-changed';
