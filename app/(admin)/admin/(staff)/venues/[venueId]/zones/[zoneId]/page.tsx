import { notFound } from "next/navigation";

import { RemoveForm } from "@/components/admin/venues/remove-form";
import { ZoneForm } from "@/components/admin/venues/zone-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getVenueSetup } from "@/lib/venues";

import { deleteZoneAction, updateZoneAction } from "../../../actions";
import { VenueBreadcrumb } from "../../breadcrumb";

export default async function ZonePage({ params }: { params: Promise<{ venueId: string; zoneId: string }> }) {
  await requireStaff("venues.manage");
  const { venueId, zoneId } = await params;
  const setup = await getVenueSetup(db, venueId);
  const zone = setup?.zones.find((z) => z.id === zoneId);
  if (!setup || !zone) notFound();

  return (
    <div className="space-y-6">
      <VenueBreadcrumb venue={setup.venue} />
      <h1 className="text-2xl font-semibold">Zone: {zone.name}</h1>
      <Card>
        <CardHeader>
          <CardTitle>Zone details</CardTitle>
        </CardHeader>
        <CardContent>
          <ZoneForm action={updateZoneAction} venueId={setup.venue.id} zone={zone} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Remove this zone</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            {zone.accessPointCount === 0
              ? "No access points are in this zone."
              : `Its ${zone.accessPointCount === 1 ? "access point stays" : `${zone.accessPointCount} access points stay`} registered, without a zone.`}{" "}
            Past visits keep their data without the zone.
          </p>
        </CardHeader>
        <CardContent>
          <RemoveForm
            action={deleteZoneAction}
            fields={{ venueId: setup.venue.id, zoneId: zone.id }}
            label="Remove zone"
            confirmation={`Remove the zone “${zone.name}”? Its access points stay registered without a zone.`}
          />
        </CardContent>
      </Card>
    </div>
  );
}
