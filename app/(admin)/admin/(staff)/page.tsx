import Link from "next/link";
import { redirect } from "next/navigation";

import { GuestTable } from "@/components/admin/guests/guest-table";
import { DpaNotices } from "@/components/admin/venues/dpa-notices";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { can, type Permission } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { searchGuests } from "@/lib/guests/search-guests";
import { countOpenRightsRequests } from "@/lib/rights/requests";
import { getOverviewCounts } from "@/lib/staff/overview";
import { dpaNotices } from "@/lib/venues/dpa-expiry";

export default async function OverviewPage() {
  const signedIn = await requireStaff();
  // The front desk's work is the access codes: that is their start page.
  if (!can(signedIn.role, "guests.view") && can(signedIn.role, "vouchers.manage")) redirect("/admin/vouchers");
  const staff = await requireStaff("guests.view");
  const [counts, recent, notices, openRequests] = await Promise.all([
    getOverviewCounts(),
    searchGuests(db, staff, { q: "" }, { cursor: null, direction: "older", size: 5 }),
    can(staff.role, "venues.manage") ? dpaNotices(db) : [],
    can(staff.role, "requests.manage") ? countOpenRightsRequests(db, staff) : 0,
  ]);
  // What is waiting for this person comes first, and each count leads to where it is dealt with.
  type Tile = { label: string; value: number; href?: string; permission?: Permission };
  const allTiles: Tile[] = [
    { label: "Wording awaiting review", value: counts.wordingInReview, href: "/admin/consent?view=review", permission: "consent.review" },
    { label: "Approved, ready to publish", value: counts.wordingApproved, href: "/admin/consent?view=approved", permission: "consent.publish" },
    { label: "Open rights requests", value: openRequests, href: "/admin/requests", permission: "requests.manage" },
    { label: "Portal copy drafts", value: counts.copyDrafts, href: "/admin/copy", permission: "copy.edit" },
    { label: "Venues", value: counts.venues, href: can(staff.role, "venues.manage") ? "/admin/venues" : undefined },
    { label: "Guests", value: counts.guests, href: "/admin/guests" },
    { label: "Visits (7 days)", value: counts.visitsLastWeek },
  ];
  const tiles = allTiles.filter((tile) => !tile.permission || can(staff.role, tile.permission));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <DpaNotices notices={notices} showVenue />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-5">
        {tiles.map((tile) => (
          <Card key={tile.label}>
            <CardHeader>
              <CardTitle className="text-sm font-medium text-slate-600">{tile.label}</CardTitle>
            </CardHeader>
            <CardContent>
              {tile.href ? (
                <Link href={tile.href} className="text-3xl font-semibold tabular-nums text-brand hover:underline" aria-label={`${tile.label}: ${tile.value}`}>
                  {tile.value.toLocaleString("en-GB")}
                </Link>
              ) : (
                <p className="text-3xl font-semibold tabular-nums">{tile.value.toLocaleString("en-GB")}</p>
              )}
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
