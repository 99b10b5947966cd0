import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";

import { WordingMatrix } from "@/components/admin/consent/wording-matrix";
import { requireStaff } from "@/lib/auth/session";
import { getVenueWordingMatrix } from "@/lib/consent/wording/wording-queries";
import { db } from "@/lib/db";

export default async function VenueConsentPage({ params }: { params: Promise<{ venue: string }> }) {
  await requireStaff("consent.draft");
  const { venue: slug } = await params;
  const matrix = await getVenueWordingMatrix(db, slug);
  if (!matrix) notFound();
  const { venue, rows } = matrix;

  return (
    <div className="space-y-6">
      <Breadcrumb items={[{ label: "Consent wording", href: "/admin/consent" }, { label: venue.name }]} />
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">{venue.name}: consent wording</h1>
        <p className="text-sm text-slate-700">
          Guests see the live wording in their language; where a language has none, they see the {venue.defaultLocale} wording instead. Choose a
          cell to read, draft, review or publish.
        </p>
      </div>
      <WordingMatrix
        rows={rows}
        locales={venue.locales}
        defaultLocale={venue.defaultLocale}
        cellHref={(purposeId, locale) => `/admin/consent/${encodeURIComponent(venue.slug)}/${purposeId}/${encodeURIComponent(locale)}`}
      />
    </div>
  );
}
