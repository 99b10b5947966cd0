import type { Db } from "@/lib/db/client";

import { portalCopyFieldsSchema, type PortalCopyFields } from "./schemas";

export const historyPageSize = 10;

export interface CopyVersionRow {
  id: string;
  version: number;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  createdAt: Date;
  createdBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  restoredFromVersion: number | null;
  headline: string;
}

/**
 * Everything the editor of one venue and locale shows: the draft, the live version, what
 * guests see instead when this locale has nothing live, and a page of version history.
 * Null when the venue is unknown or does not offer the locale.
 */
export async function loadCopyEditor(db: Db, venueSlug: string, locale: string, historyPage: number) {
  const venue = await db.venue.findUnique({ where: { slug: venueSlug } });
  if (!venue || !venue.locales.includes(locale)) return null;
  const [draft, live, fallback, historyTotal, versions] = await Promise.all([
    db.portalCopy.findFirst({ where: { venueId: venue.id, locale, status: "DRAFT" } }),
    db.portalCopy.findFirst({ where: { venueId: venue.id, locale, status: "PUBLISHED" } }),
    locale === venue.defaultLocale ? null : db.portalCopy.findFirst({ where: { venueId: venue.id, locale: venue.defaultLocale, status: "PUBLISHED" } }),
    db.portalCopy.count({ where: { venueId: venue.id, locale } }),
    db.portalCopy.findMany({
      where: { venueId: venue.id, locale },
      orderBy: { version: "desc" },
      skip: (historyPage - 1) * historyPageSize,
      take: historyPageSize,
      include: { createdBy: { select: { email: true } } },
    }),
  ]);
  const publications = await db.auditEntry.findMany({
    where: { entityType: "portal_copy", entityId: { in: versions.map((v) => v.id) }, action: { in: ["portal_copy.published", "portal_copy.rolled_back"] } },
    select: { entityId: true, after: true, actor: { select: { email: true } } },
  });

  const history: CopyVersionRow[] = versions.map((v) => {
    const publication = publications.find((p) => p.entityId === v.id);
    const restoredFrom = (publication?.after as { restoredFromVersion?: unknown } | null)?.restoredFromVersion;
    return {
      id: v.id,
      version: v.version,
      status: v.status,
      createdAt: v.createdAt,
      createdBy: v.createdBy?.email ?? null,
      publishedAt: v.publishedAt,
      publishedBy: publication?.actor?.email ?? null,
      restoredFromVersion: typeof restoredFrom === "number" ? restoredFrom : null,
      headline: fieldsOf(v.fields)?.headline ?? "",
    };
  });

  return {
    venue: { id: venue.id, slug: venue.slug, name: venue.name, defaultLocale: venue.defaultLocale, locales: venue.locales },
    locale,
    draft: draft ? { id: draft.id, version: draft.version, fields: fieldsOf(draft.fields) } : null,
    live: live ? { id: live.id, version: live.version, publishedAt: live.publishedAt, fields: fieldsOf(live.fields) } : null,
    /** Set when this locale has nothing live and guests see the default locale's copy. */
    fallback: !live && fallback ? { locale: venue.defaultLocale, version: fallback.version, fields: fieldsOf(fallback.fields) } : null,
    history,
    historyPageCount: Math.max(1, Math.ceil(historyTotal / historyPageSize)),
  };
}

export type CopyEditorData = NonNullable<Awaited<ReturnType<typeof loadCopyEditor>>>;

/** One stored version with its venue, for the staff preview; null when unknown. */
export async function findCopyVersion(db: Db, copyId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(copyId)) return null;
  const copy = await db.portalCopy.findUnique({ where: { id: copyId }, include: { venue: true } });
  const fields = copy ? fieldsOf(copy.fields) : null;
  return copy && fields ? { copy, venue: copy.venue, fields } : null;
}

function fieldsOf(value: unknown): PortalCopyFields | null {
  const parsed = portalCopyFieldsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
