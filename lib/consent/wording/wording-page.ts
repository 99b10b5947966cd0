import "server-only";

import type { Db } from "@/lib/db/client";

import type { WordingVersion } from "./view-types";
import { pendingStatuses, toPurposeSummary, toWordingVersion } from "./wording-queries";

const people = {
  createdBy: { select: { name: true, email: true } },
  reviewedBy: { select: { name: true, email: true } },
} as const;

export const historyPageSize = 10;
/** Beyond this many open versions the rest are reached through the history. */
export const pendingLimit = 10;

/**
 * Everything the page for one purpose in one locale shows: what guests see now (here or by
 * fallback), the versions waiting for someone, one selected version, and a page of history.
 * Null when the venue, the purpose (at that venue) or the locale (at that venue) is unknown.
 */
export async function getWordingPage(
  db: Db,
  query: { venueSlug: string; purposeId: string; locale: string; historyPage: number; selectedId?: string },
) {
  const venue = await db.venue.findUnique({ where: { slug: query.venueSlug }, select: { id: true, slug: true, name: true, locales: true, defaultLocale: true } });
  if (!venue || !venue.locales.includes(query.locale)) return null;
  const purpose = await db.consentPurpose.findFirst({ where: { id: query.purposeId, venueId: venue.id }, include: { sponsor: true } });
  if (!purpose) return null;

  const scope = { purposeId: purpose.id, locale: query.locale };
  const [live, fallback, pending, pendingTotal, history, historyTotal, selected] = await Promise.all([
    db.consentText.findFirst({ where: { ...scope, status: "PUBLISHED" }, include: people }),
    query.locale === venue.defaultLocale
      ? null
      : db.consentText.findFirst({ where: { purposeId: purpose.id, locale: venue.defaultLocale, status: "PUBLISHED" }, include: people }),
    db.consentText.findMany({ where: { ...scope, status: { in: [...pendingStatuses] } }, orderBy: { version: "desc" }, take: pendingLimit, include: people }),
    db.consentText.count({ where: { ...scope, status: { in: [...pendingStatuses] } } }),
    db.consentText.findMany({ where: scope, orderBy: { version: "desc" }, skip: (query.historyPage - 1) * historyPageSize, take: historyPageSize, include: people }),
    db.consentText.count({ where: scope }),
    query.selectedId ? db.consentText.findFirst({ where: { ...scope, id: query.selectedId }, include: people }) : null,
  ]);

  const liveVersion = live ? toWordingVersion(live) : null;
  return {
    venue,
    purpose: toPurposeSummary(purpose),
    locale: query.locale,
    live: liveVersion,
    /** What guests reading this locale see while nothing is live in it. */
    fallback: !live && fallback ? toWordingVersion(fallback) : null,
    pending: pending.map(toWordingVersion),
    pendingTotal,
    selected: selected && !pending.some((p) => p.id === selected.id) ? toWordingVersion(selected) : null,
    history: history.map(toWordingVersion),
    historyPage: query.historyPage,
    historyHasMore: query.historyPage * historyPageSize < historyTotal,
  };
}

export type WordingPageData = NonNullable<Awaited<ReturnType<typeof getWordingPage>>>;

/** The text a candidate is compared with: what guests reading its locale see today. */
export function comparisonBase(page: Pick<WordingPageData, "live" | "fallback">): WordingVersion | null {
  return page.live ?? page.fallback;
}

/** Where the page for a consent text lives, for redirects after a change. */
export async function wordingPagePath(db: Db, text: { purposeId: string; locale: string }, extra: Record<string, string> = {}): Promise<string> {
  const purpose = await db.consentPurpose.findUniqueOrThrow({ where: { id: text.purposeId }, select: { venue: { select: { slug: true } } } });
  const query = new URLSearchParams(extra).toString();
  return `/admin/consent/${encodeURIComponent(purpose.venue.slug)}/${text.purposeId}/${encodeURIComponent(text.locale)}${query ? `?${query}` : ""}`;
}
