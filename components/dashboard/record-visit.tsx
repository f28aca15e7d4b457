'use client';

import { useEffect } from 'react';
import { recordReviewVisitAction } from '@/server/dashboard/actions';

/**
 * Tells the server, once the dashboard has loaded, that the reader has looked at it: the page
 * render itself only reads (issue 14, goal 3). The server counts it once per sitting
 * (lib/rules/review-sittings.ts), so a reload or a second tab changes nothing.
 */
export function RecordVisit({ partnershipId }: { partnershipId: string }) {
  useEffect(() => {
    // A failed record only means the next review reaches further back: nothing to tell the reader.
    recordReviewVisitAction(partnershipId).catch(() => undefined);
  }, [partnershipId]);
  return null;
}
