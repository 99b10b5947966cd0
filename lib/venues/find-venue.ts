import type { DbTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Venue } from "@/lib/generated/prisma/client";

const slugPattern = /^[a-z0-9-]{1,64}$/;

export async function findVenueBySlug(db: DbTx, slug: string): Promise<Venue> {
  const venue = slugPattern.test(slug) ? await db.venue.findUnique({ where: { slug } }) : null;
  if (!venue) throw new DomainError("venueNotFound", `No venue "${slug.slice(0, 64)}"`);
  return venue;
}
