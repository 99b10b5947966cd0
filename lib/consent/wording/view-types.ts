// Plain shapes the consent wording pages hand to components (which never see Prisma types).

export type WordingStatus = "DRAFT" | "IN_REVIEW" | "APPROVED" | "REJECTED" | "PUBLISHED" | "RETIRED";

export interface PurposeSummary {
  id: string;
  key: string;
  kind: "TERMS" | "MARKETING" | "SPONSOR";
  label: string;
  /** Why guests never see this purpose (a sponsor without a data-processing agreement), if so. */
  hiddenReason: string | null;
}

export interface WordingVersion {
  id: string;
  purposeId: string;
  locale: string;
  version: number;
  status: WordingStatus;
  body: string;
  sha256: string;
  author: string | null;
  authorId: string | null;
  reviewer: string | null;
  reviewComment: string | null;
  createdAt: Date;
  reviewedAt: Date | null;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

export type PendingCounts = Record<"DRAFT" | "IN_REVIEW" | "APPROVED", number>;

/** What guests reading one locale see for one purpose, and what is waiting to replace it. */
export interface WordingCell {
  locale: string;
  live: { id: string; version: number } | null;
  /** Set when nothing is live in this locale but the venue default locale has wording. */
  fallback: { locale: string; version: number } | null;
  pending: PendingCounts;
}

export const statusLabels: Record<WordingStatus, string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  PUBLISHED: "Live",
  RETIRED: "Retired",
};

export function purposeLabel(purpose: { kind: string; key: string; sponsor?: { name: string } | null }): string {
  if (purpose.kind === "TERMS") return "Terms of use";
  if (purpose.kind === "MARKETING") return "Marketing from the venue";
  return `Sponsor: ${purpose.sponsor?.name ?? purpose.key.replace(/^sponsor:/, "")}`;
}
