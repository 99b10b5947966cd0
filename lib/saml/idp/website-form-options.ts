// What the staff form for a venue website offers: the purposes a release may rest on (the
// venue's marketing and its sponsors', never the terms) and the attributes Portico can release.
import "server-only";

import { shareableNamespaces } from "@/lib/api-keys/namespaces";
import type { Db } from "@/lib/db/client";

import { visitorDataAttributePrefix } from "./schemas";

const profileLabels = { name: "Name", phone: "Phone", locale: "Language", consents: "Consent decisions" } as const;

export async function websiteFormOptions(db: Db, venueId: string) {
  const purposes = await db.consentPurpose.findMany({
    where: { venueId, kind: { not: "TERMS" } },
    select: { id: true, key: true, kind: true, sponsor: { select: { name: true } } },
    orderBy: [{ position: "asc" }, { key: "asc" }],
  });
  const namespaces = await shareableNamespaces(db);
  return {
    purposes: purposes.map((p) => ({ id: p.id, label: p.kind === "MARKETING" ? "The venue's marketing consent" : `Sponsor: ${p.sponsor?.name ?? p.key}` })),
    attributes: [
      ...Object.entries(profileLabels).map(([value, label]) => ({ value, label })),
      ...namespaces.map((n) => ({ value: `${visitorDataAttributePrefix}${n}`, label: `Visitor data “${n}”` })),
    ],
  };
}
