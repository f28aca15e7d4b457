-- CreateTable
CREATE TABLE "sign_in_policy" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "ssoNewUserRole" "Role",
    "passwordOffDomains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sign_in_policy_pkey" PRIMARY KEY ("id")
);

-- One row only; new people are never created as partners by single sign-on (issue 18).
ALTER TABLE "sign_in_policy" ADD CONSTRAINT "sign_in_policy_single_row" CHECK ("id" = 1);
ALTER TABLE "sign_in_policy" ADD CONSTRAINT "sign_in_policy_no_partner" CHECK ("ssoNewUserRole" IS NULL OR "ssoNewUserRole"::text <> 'PARTNER');
