import { Breadcrumb } from "@/components/ui/breadcrumb";

import { VenueForm } from "@/components/admin/venues/venue-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { venueFormOptions } from "@/lib/venues";

import { createVenueAction } from "../actions";
import { venuesPath } from "../paths";

export const metadata = { title: "New venue · Portico staff" };

export default async function NewVenuePage() {
  await requireStaff("venues.manage");
  return (
    <div className="space-y-6">
      <Breadcrumb items={[{ label: "Venues", href: venuesPath }, { label: "New venue" }]} />
      <h1 className="text-2xl font-semibold">New venue</h1>
      <Card>
        <CardHeader>
          <CardTitle>Venue details</CardTitle>
          <p className="mt-1 text-sm text-slate-600">Creating the venue also creates its terms and marketing consent purposes, ready for legal to word.</p>
        </CardHeader>
        <CardContent>
          <VenueForm
            action={createVenueAction}
            options={venueFormOptions()}
            defaults={{ name: "", slug: "", timezone: "Europe/London", countryCode: "GB", locales: ["en"], defaultLocale: "en" }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
