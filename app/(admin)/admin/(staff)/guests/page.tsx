import Link from "next/link";
import { z } from "zod";

import { GuestSearchForm } from "@/components/admin/guests/guest-search-form";
import { GuestTable } from "@/components/admin/guests/guest-table";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { readPageRequest } from "@/lib/pagination/keyset-cursor";
import { pageHref, pickParams, type QueryParams } from "@/lib/pagination/query-params";
import { guestSearchSchema } from "@/lib/guests/schemas";
import { listVenueChoices, searchGuests } from "@/lib/guests/search-guests";

export const metadata = { title: "Guests · Portico staff" };

const pageSize = 25;

export default async function GuestsPage({ searchParams }: { searchParams: Promise<QueryParams> }) {
  const staff = await requireStaff("guests.view");
  const params = await searchParams;
  const raw = pickParams(params, ["q", "venue"]);
  const venues = await listVenueChoices(db);
  const parsed = guestSearchSchema.safeParse(raw);
  const page = readPageRequest(params, { size: pageSize, idKind: "uuid" });

  const form = (errors?: { q?: string; venue?: string }) => (
    <GuestSearchForm q={raw.q ?? ""} venue={raw.venue ?? ""} venues={venues} errors={errors} />
  );

  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return (
      <GuestsFrame>
        {form({ q: fieldErrors.q?.[0], venue: fieldErrors.venue?.[0] })}
        <Alert>Nothing was searched: check the highlighted field.</Alert>
      </GuestsFrame>
    );
  }

  const result = await searchGuests(db, staff, parsed.data, page);
  return (
    <GuestsFrame>
      {form(result.unknownVenue ? { venue: "There is no such venue; choose one from the list." } : undefined)}
      {page.invalid ? <Alert tone="info">That page link was out of date or changed, so this is the first page.</Alert> : null}
      {result.items.length > 0 ? (
        <>
          <GuestTable guests={result.items} />
          <Pagination
            newerHref={pageHref("/admin/guests", params, { newer: result.newer })}
            olderHref={pageHref("/admin/guests", params, { older: result.older })}
          />
        </>
      ) : result.empty === "no-guests" ? (
        <EmptyState title="No guests yet">Guests appear here once they connect through a venue&apos;s portal.</EmptyState>
      ) : result.empty === "no-match" ? (
        <EmptyState title="No guest matches this search">Try part of the address, or all venues.</EmptyState>
      ) : (
        <EmptyState title="No more guests">
          <Link href={firstPageHref(raw)} className="text-brand hover:underline">
            Back to the first page
          </Link>
        </EmptyState>
      )}
    </GuestsFrame>
  );
}

function GuestsFrame({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Guests</h1>
        <p className="mt-1 text-sm text-slate-600">People who connected through the portal, most recently seen first. Read-only.</p>
      </div>
      {children}
    </div>
  );
}

function firstPageHref(search: { q?: string; venue?: string }): string {
  const query = new URLSearchParams(Object.entries(search).filter((e): e is [string, string] => Boolean(e[1])));
  return query.size ? `/admin/guests?${query.toString()}` : "/admin/guests";
}
