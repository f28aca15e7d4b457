-- CreateTable
CREATE TABLE "partnership_field_policies" (
    "partnershipId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "confidential" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "partnership_field_policies_pkey" PRIMARY KEY ("partnershipId","field")
);

-- AddForeignKey
ALTER TABLE "partnership_field_policies" ADD CONSTRAINT "partnership_field_policies_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "partnerships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The fields that can be confidential (lib/schemas/field-policies.ts, CONFIDENTIAL_FIELDS).
ALTER TABLE "partnership_field_policies" ADD CONSTRAINT "partnership_field_policies_field" CHECK ("field" IN ('summary', 'targetSignOn', 'targetLaunchOn', 'targets'));

-- Kept pages (decision 011) hide confidential fields per reader: a change bumps the content version.
CREATE TRIGGER partnership_field_policies_bump_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "partnership_field_policies" FOR EACH STATEMENT EXECUTE FUNCTION bump_content_version();
