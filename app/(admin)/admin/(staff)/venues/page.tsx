import Link from "next/link";

import { buttonVariants } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listVenues } from "@/lib/venues";

import { venuePath, venuesPath } from "./paths";

export const metadata = { title: "Venues · Portico staff" };

export default async function VenuesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireStaff("venues.manage");
  const { page: pageParam } = await searchParams;
  const { venues, page, hasMore } = await listVenues(db, Number.parseInt(pageParam ?? "1", 10));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Venues</h1>
        <Link href={`${venuesPath}/new`} className={buttonVariants()}>
          New venue
        </Link>
      </div>
      {venues.length === 0 ? (
        <EmptyState title={page > 1 ? "No venues on this page" : "No venues yet"}>
          {page > 1 ? (
            <Link href={venuesPath} className="text-brand hover:underline">
              Back to the first page
            </Link>
          ) : (
            "Create a venue to give it a guest WiFi portal."
          )}
        </EmptyState>
      ) : (
        <Table>
          <caption className="sr-only">Venues, newest first</caption>
          <thead>
            <tr>
              <Th>Venue</Th>
              <Th>Slug</Th>
              <Th>Languages</Th>
              <Th>Zones</Th>
              <Th>Access points</Th>
              <Th>Sponsors</Th>
            </tr>
          </thead>
          <tbody>
            {venues.map((venue) => (
              <tr key={venue.id}>
                <Td>
                  <Link href={venuePath(venue.id)} className="font-medium text-brand hover:underline">
                    {venue.name}
                  </Link>
                </Td>
                <Td className="font-mono">{venue.slug}</Td>
                <Td>
                  {venue.locales.map((locale) => (
                    <span key={locale} className="mr-2">
                      {locale}
                      {locale === venue.defaultLocale ? <span className="text-xs text-slate-600"> (default)</span> : null}
                    </span>
                  ))}
                </Td>
                <Td className="tabular-nums">{venue.zoneCount}</Td>
                <Td className="tabular-nums">{venue.accessPointCount}</Td>
                <Td className="tabular-nums">
                  {venue.sponsorCount}
                  {venue.hiddenSponsorCount > 0 ? (
                    <Badge tone="warning" className="ml-2">
                      {venue.hiddenSponsorCount} not shown to guests
                    </Badge>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination newerHref={page > 1 ? `${venuesPath}?page=${page - 1}` : undefined} olderHref={hasMore ? `${venuesPath}?page=${page + 1}` : undefined} />
    </div>
  );
}
