// Every row the demo seed writes, table by table, in a stable order: two snapshots are equal
// only if a seed run created, changed and removed nothing.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function seedSnapshot(prisma: PrismaClient) {
  return {
    venues: await prisma.venue.findMany({ orderBy: { slug: "asc" } }),
    zones: await prisma.zone.findMany({ orderBy: { slug: "asc" } }),
    accessPoints: await prisma.accessPoint.findMany({ orderBy: { mac: "asc" } }),
    sponsors: await prisma.sponsor.findMany({ orderBy: { slug: "asc" } }),
    purposes: await prisma.consentPurpose.findMany({ orderBy: { position: "asc" } }),
    texts: await prisma.consentText.findMany({ orderBy: [{ purposeId: "asc" }, { locale: "asc" }, { version: "asc" }] }),
    copies: await prisma.portalCopy.findMany({ orderBy: [{ locale: "asc" }, { version: "asc" }] }),
  };
}
