import type { Prisma } from "@/lib/generated/prisma/client";

interface ConsentTextRow {
  id: string;
  purposeId: string;
  locale: string;
  version: number;
  status: string;
  body: string;
  sha256: string;
  createdById: string | null;
  reviewedById: string | null;
  reviewComment: string | null;
  reviewedAt: Date | null;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

/** A consent text as the audit trail records it: every field that means something, as JSON. */
export function consentTextSnapshot(text: ConsentTextRow): Prisma.InputJsonObject {
  return {
    id: text.id,
    purposeId: text.purposeId,
    locale: text.locale,
    version: text.version,
    status: text.status,
    body: text.body,
    sha256: text.sha256,
    createdById: text.createdById,
    reviewedById: text.reviewedById,
    reviewComment: text.reviewComment,
    reviewedAt: text.reviewedAt?.toISOString() ?? null,
    publishedAt: text.publishedAt?.toISOString() ?? null,
    retiredAt: text.retiredAt?.toISOString() ?? null,
  };
}
