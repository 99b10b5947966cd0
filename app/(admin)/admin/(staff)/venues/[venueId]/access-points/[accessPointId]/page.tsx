import { notFound } from "next/navigation";

import { AccessPointForm } from "@/components/admin/venues/access-point-form";
import { RemoveForm } from "@/components/admin/venues/remove-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getVenueSetup } from "@/lib/venues";

import { deleteAccessPointAction, updateAccessPointAction } from "../../../actions";
import { VenueBreadcrumb } from "../../breadcrumb";

export default async function AccessPointPage({ params }: { params: Promise<{ venueId: string; accessPointId: string }> }) {
  await requireStaff("venues.manage");
  const { venueId, accessPointId } = await params;
  const setup = await getVenueSetup(db, venueId);
  const accessPoint = setup?.accessPoints.find((ap) => ap.id === accessPointId);
  if (!setup || !accessPoint) notFound();

  return (
    <div className="space-y-6">
      <VenueBreadcrumb venue={setup.venue} />
      <h1 className="text-2xl font-semibold">Access point {accessPoint.mac}</h1>
      <Card>
        <CardHeader>
          <CardTitle>Access point details</CardTitle>
        </CardHeader>
        <CardContent>
          <AccessPointForm action={updateAccessPointAction} venueId={setup.venue.id} zones={setup.zones} accessPoint={accessPoint} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Remove this access point</CardTitle>
          <p className="mt-1 text-sm text-slate-600">Guests connecting through it are then not placed in a zone. Past visits keep its MAC.</p>
        </CardHeader>
        <CardContent>
          <RemoveForm
            action={deleteAccessPointAction}
            fields={{ venueId: setup.venue.id, accessPointId: accessPoint.id }}
            label="Remove access point"
            confirmation={`Remove the access point ${accessPoint.mac}?`}
          />
        </CardContent>
      </Card>
    </div>
  );
}
