import Link from "next/link";

import { GuestTable } from "@/components/admin/guests/guest-table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { searchGuests } from "@/lib/guests/search-guests";
import { getOverviewCounts } from "@/lib/staff/overview";

export default async function OverviewPage() {
  const staff = await requireStaff("guests.view");
  const [counts, recent] = await Promise.all([
    getOverviewCounts(),
    searchGuests(db, staff, { q: "" }, { cursor: null, direction: "older", size: 5 }),
  ]);
  const tiles = [
    { label: "Venues", value: counts.venues },
    { label: "Guests", value: counts.guests },
    { label: "Visits (7 days)", value: counts.visitsLastWeek },
    { label: "Wording awaiting review", value: counts.wordingInReview },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {tiles.map((tile) => (
          <Card key={tile.label}>
            <CardHeader>
              <CardTitle className="text-sm font-medium text-slate-600">{tile.label}</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-3xl font-semibold tabular-nums">{tile.value.toLocaleString("en-GB")}</p>
            </CardContent>
          </Card>
        ))}
      </div>
      {recent.items.length > 0 ? (
        <Card>
          <CardHeader className="flex items-baseline justify-between">
            <CardTitle>Recently seen guests</CardTitle>
            <Link href="/admin/guests" className="text-sm text-brand hover:underline">
              All guests
            </Link>
          </CardHeader>
          <CardContent>
            <GuestTable guests={recent.items} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
