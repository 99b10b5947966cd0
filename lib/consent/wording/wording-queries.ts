import "server-only";

import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import { isSponsorShowable } from "../published-wording";
import { purposeLabel, type PendingCounts, type PurposeSummary, type WordingCell, type WordingStatus, type WordingVersion } from "./view-types";

export const pendingStatuses = ["DRAFT", "IN_REVIEW", "APPROVED"] as const;

const withPeople = {
  createdBy: { select: { name: true, email: true } },
  reviewedBy: { select: { name: true, email: true } },
} satisfies Prisma.ConsentTextInclude;

type TextWithPeople = Prisma.ConsentTextGetPayload<{ include: typeof withPeople }>;

export function toWordingVersion(text: TextWithPeople): WordingVersion {
  return {
    id: text.id,
    purposeId: text.purposeId,
    locale: text.locale,
    version: text.version,
    status: text.status as WordingStatus,
    body: text.body,
    sha256: text.sha256,
    author: text.createdBy ? (text.createdBy.name ?? text.createdBy.email) : null,
    authorId: text.createdById,
    reviewer: text.reviewedBy ? (text.reviewedBy.name ?? text.reviewedBy.email) : null,
    reviewComment: text.reviewComment,
    createdAt: text.createdAt,
    reviewedAt: text.reviewedAt,
    publishedAt: text.publishedAt,
    retiredAt: text.retiredAt,
  };
}

export function toPurposeSummary(purpose: {
  id: string;
  key: string;
  kind: PurposeSummary["kind"];
  sponsor: { name: string; active: boolean; dpaReference: string | null; dpaSignedAt: Date | null } | null;
}): PurposeSummary {
  let hiddenReason: string | null = null;
  if (purpose.kind === "SPONSOR" && !isSponsorShowable(purpose.sponsor)) {
    hiddenReason = purpose.sponsor?.active === false ? "Sponsor inactive: not shown to guests." : "No data-processing agreement on file: not shown to guests.";
  }
  return { id: purpose.id, key: purpose.key, kind: purpose.kind, label: purposeLabel(purpose), hiddenReason };
}

const emptyCounts = (): PendingCounts => ({ DRAFT: 0, IN_REVIEW: 0, APPROVED: 0 });

/** Venues, newest first, with how much wording waits for review or publishing at each. */
export async function listConsentVenues(db: Db, { page, pageSize }: { page: number; pageSize: number }) {
  const venues = await db.venue.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize + 1,
    select: { id: true, slug: true, name: true, locales: true, defaultLocale: true },
  });
  const shown = venues.slice(0, pageSize);
  const pending = await db.consentText.findMany({
    where: { status: { in: [...pendingStatuses] }, purpose: { venueId: { in: shown.map((v) => v.id) } } },
    select: { status: true, purpose: { select: { venueId: true } } },
  });
  const counts = new Map(shown.map((v) => [v.id, emptyCounts()]));
  for (const text of pending) counts.get(text.purpose.venueId)![text.status as keyof PendingCounts] += 1;
  return { venues: shown.map((v) => ({ ...v, pending: counts.get(v.id)! })), hasMore: venues.length > pageSize };
}

/** Versions across all venues in one status (the legal queues), newest first. */
export async function listWordingQueue(db: Db, { status, page, pageSize }: { status: "IN_REVIEW" | "APPROVED"; page: number; pageSize: number }) {
  const texts = await db.consentText.findMany({
    where: { status },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize + 1,
    include: { ...withPeople, purpose: { include: { sponsor: true, venue: { select: { slug: true, name: true } } } } },
  });
  return {
    items: texts.slice(0, pageSize).map((text) => ({
      ...toWordingVersion(text),
      venue: text.purpose.venue,
      purpose: toPurposeSummary(text.purpose),
    })),
    hasMore: texts.length > pageSize,
  };
}

export async function countWordingQueues(db: Db) {
  const [inReview, approved] = await Promise.all([
    db.consentText.count({ where: { status: "IN_REVIEW" } }),
    db.consentText.count({ where: { status: "APPROVED" } }),
  ]);
  return { inReview, approved };
}

/** Each purpose × each venue locale: what is live (or the fallback) and what is waiting. */
export async function getVenueWordingMatrix(db: Db, venueSlug: string) {
  const venue = await db.venue.findUnique({
    where: { slug: venueSlug },
    include: {
      consentPurposes: {
        orderBy: [{ position: "asc" }, { key: "asc" }],
        include: {
          sponsor: true,
          texts: { where: { status: { in: ["PUBLISHED", ...pendingStatuses] } }, select: { id: true, locale: true, version: true, status: true } },
        },
      },
    },
  });
  if (!venue) return null;
  const rows = venue.consentPurposes.map((purpose) => {
    const liveIn = (locale: string) => purpose.texts.find((t) => t.status === "PUBLISHED" && t.locale === locale) ?? null;
    const cells: WordingCell[] = venue.locales.map((locale) => {
      const live = liveIn(locale);
      const fallback = !live && locale !== venue.defaultLocale ? liveIn(venue.defaultLocale) : null;
      const pending = emptyCounts();
      for (const t of purpose.texts) if (t.locale === locale && t.status !== "PUBLISHED") pending[t.status as keyof PendingCounts] += 1;
      return {
        locale,
        live: live && { id: live.id, version: live.version },
        fallback: fallback && { locale: venue.defaultLocale, version: fallback.version },
        pending,
      };
    });
    return { purpose: toPurposeSummary(purpose), cells };
  });
  return { venue: { slug: venue.slug, name: venue.name, locales: venue.locales, defaultLocale: venue.defaultLocale }, rows };
}
