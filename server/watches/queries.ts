import 'server-only';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { db } from '@/server/db';
import { SUBJECT_TYPE } from '@/server/notes/subjects';

/** Whether this person watches this thing (the Watch button's state). */
export async function isWatching(userId: string | null, kind: NoteSubjectKind, subjectId: string): Promise<boolean> {
  if (!userId) return false;
  const row = await db.watch.findUnique({ where: { userId_subjectType_subjectId: { userId, subjectType: SUBJECT_TYPE[kind], subjectId } }, select: { userId: true } });
  return row !== null;
}
