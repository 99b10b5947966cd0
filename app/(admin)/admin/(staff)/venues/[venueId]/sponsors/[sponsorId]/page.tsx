import { notFound } from "next/navigation";

import { SponsorForm } from "@/components/admin/venues/sponsor-form";
import { SponsorStatus } from "@/components/admin/venues/sponsor-status";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getVenueSetup } from "@/lib/venues";

import { updateSponsorAction } from "../../../actions";
import { VenueBreadcrumb } from "../../breadcrumb";

export default async function SponsorPage({ params }: { params: Promise<{ venueId: string; sponsorId: string }> }) {
  await requireStaff("venues.manage");
  const { venueId, sponsorId } = await params;
  const setup = await getVenueSetup(db, venueId);
  const sponsor = setup?.sponsors.find((s) => s.id === sponsorId);
  if (!setup || !sponsor) notFound();

  return (
    <div className="space-y-6">
      <VenueBreadcrumb venue={setup.venue} />
      <h1 className="text-2xl font-semibold">Sponsor: {sponsor.name}</h1>
      <Card>
        <CardHeader className="flex flex-wrap items-start justify-between gap-4">
          <CardTitle>Sponsor details</CardTitle>
          <SponsorStatus shown={sponsor.shown} reasons={sponsor.reasons} publishedLocales={sponsor.publishedLocales} />
        </CardHeader>
        <CardContent>
          <SponsorForm action={updateSponsorAction} venueId={setup.venue.id} sponsor={sponsor} />
        </CardContent>
      </Card>
      <p className="text-sm text-slate-600">
        A sponsor is never deleted: guests&apos; consent records point at its consent purpose. Untick “Active” to stop offering it.
      </p>
    </div>
  );
}
