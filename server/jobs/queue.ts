import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { db as appDb, type Db } from '@/server/db';

type Writer = Db | Prisma.TransactionClient;

export type EnqueueOptions = {
  /** When it may run (default: now). */
  runAt?: Date;
  /** At most one job per key: a second enqueue with the same key does nothing. */
  dedupeKey?: string;
  maxAttempts?: number;
};

/**
 * Queues a job. Pass the transaction of the change that causes it (`tx`): the job exists if and
 * only if that change commits (a notification is never sent for a change that rolled back).
 * Returns the job's id, or null when a job with the same dedupeKey already exists.
 */
export async function enqueueJob(kind: string, payload: Prisma.InputJsonValue = {}, options: EnqueueOptions = {}, writer: Writer = appDb): Promise<string | null> {
  const rows = await writer.$queryRaw<{ id: string }[]>`
    INSERT INTO jobs (id, kind, payload, "runAt", "dedupeKey", "maxAttempts")
    VALUES (${cuidLike()}, ${kind}, ${JSON.stringify(payload)}::jsonb, ${options.runAt ?? new Date()}, ${options.dedupeKey ?? null}, ${options.maxAttempts ?? 5})
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING id`;
  return rows[0]?.id ?? null;
}

/** A sortable unique id in the shape of the schema's cuid() ids (raw SQL has no Prisma default). */
function cuidLike(): string {
  return `j${Date.now().toString(36)}${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}
