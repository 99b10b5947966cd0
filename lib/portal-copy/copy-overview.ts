import type { Db } from "@/lib/db/client";

export interface CopyLocaleSummary {
  locale: string;
  isDefault: boolean;
  live: { version: number; publishedAt: Date | null } | null;
  draft: { version: number } | null;
  lastChange: { at: Date; by: string | null } | null;
}

export interface CopyOverviewVenue {
  id: string;
  slug: string;
  name: string;
  locales: CopyLocaleSummary[];
}

/** One page of venues (by name), each with every locale's live version, draft and last change. */
export async function listCopyOverview(db: Db, { page, pageSize }: { page: number; pageSize: number }) {
  const [total, venues] = await Promise.all([
    db.venue.count(),
    db.venue.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  const copies = await db.portalCopy.findMany({
    where: { venueId: { in: venues.map((v) => v.id) } },
    select: { id: true, venueId: true, locale: true, version: true, status: true, publishedAt: true },
  });
  const changes = await lastChanges(db, copies.map((c) => c.id));

  const rows: CopyOverviewVenue[] = venues.map((venue) => ({
    id: venue.id,
    slug: venue.slug,
    name: venue.name,
    locales: venue.locales.map((locale) => {
      const mine = copies.filter((c) => c.venueId === venue.id && c.locale === locale);
      const live = mine.find((c) => c.status === "PUBLISHED");
      const draft = mine.find((c) => c.status === "DRAFT");
      const lastChange = mine
        .map((c) => changes.get(c.id))
        .filter((c) => c !== undefined)
        .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
      return {
        locale,
        isDefault: locale === venue.defaultLocale,
        live: live ? { version: live.version, publishedAt: live.publishedAt } : null,
        draft: draft ? { version: draft.version } : null,
        lastChange: lastChange ?? null,
      };
    }),
  }));
  return { venues: rows, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** The latest audited change of each copy version: who and when. */
async function lastChanges(db: Db, copyIds: string[]): Promise<Map<string, { at: Date; by: string | null }>> {
  if (copyIds.length === 0) return new Map();
  const entries = await db.auditEntry.findMany({
    where: { entityType: "portal_copy", entityId: { in: copyIds } },
    orderBy: { at: "desc" },
    distinct: ["entityId"],
    select: { entityId: true, at: true, actor: { select: { email: true } } },
  });
  return new Map(entries.map((e) => [e.entityId!, { at: e.at, by: e.actor?.email ?? null }]));
}
