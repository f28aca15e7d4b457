-- CreateEnum
CREATE TYPE "NoteSubject" AS ENUM ('PARTNERSHIP', 'MILESTONE', 'CHECKPOINT', 'ROLLOUT');

-- CreateTable
CREATE TABLE "notes" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "subjectType" "NoteSubject" NOT NULL,
    "subjectId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "editedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "deletedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note_mentions" (
    "noteId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "note_mentions_pkey" PRIMARY KEY ("noteId","userId")
);

-- CreateTable
CREATE TABLE "documents" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "checkpointId" TEXT,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "expiresOn" DATE,
    "seriesId" TEXT NOT NULL,
    "versionNumber" INTEGER NOT NULL DEFAULT 1,
    "supersededAt" TIMESTAMP(3),
    "uploadedById" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_chunks" (
    "documentId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "document_chunks_pkey" PRIMARY KEY ("documentId","seq")
);

-- CreateIndex
CREATE INDEX "notes_subjectType_subjectId_createdAt_idx" ON "notes"("subjectType", "subjectId", "createdAt");

-- CreateIndex
CREATE INDEX "notes_partnershipId_createdAt_idx" ON "notes"("partnershipId", "createdAt");

-- CreateIndex
CREATE INDEX "note_mentions_userId_idx" ON "note_mentions"("userId");

-- CreateIndex
CREATE INDEX "documents_partnershipId_createdAt_idx" ON "documents"("partnershipId", "createdAt");

-- CreateIndex
CREATE INDEX "documents_checkpointId_createdAt_idx" ON "documents"("checkpointId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "documents_seriesId_versionNumber_key" ON "documents"("seriesId", "versionNumber");

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notes" ADD CONSTRAINT "notes_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "notes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note_mentions" ADD CONSTRAINT "note_mentions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_checkpointId_fkey" FOREIGN KEY ("checkpointId") REFERENCES "regulatory_checkpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_chunks" ADD CONSTRAINT "document_chunks_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Notes, their mentions and document rows are shown on kept pages (docs/decisions/011-kept-pages.md):
-- a change bumps the content version in its own transaction. document_chunks is left out: no page
-- reads the bytes, and a document's chunks are written in the same transaction as its row.
CREATE TRIGGER notes_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "notes" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER note_mentions_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "note_mentions" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
CREATE TRIGGER documents_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "documents" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
