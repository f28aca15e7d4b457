import { apiRoute } from '@/server/api/handler';
import { findPartnershipList } from '@/server/partnerships/queries';

// The partnerships the caller may read (every role reads every partnership today).
export const GET = apiRoute('partnerships.read', async () => ({ partnerships: await findPartnershipList() }));
