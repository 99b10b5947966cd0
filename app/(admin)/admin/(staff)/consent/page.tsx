import Link from "next/link";

import { WordingQueue } from "@/components/admin/consent/wording-queue";
import { PendingBadges } from "@/components/admin/consent/wording-matrix";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { countWordingQueues, listConsentVenues, listWordingQueue } from "@/lib/consent/wording/wording-queries";
import { db } from "@/lib/db";
import { cn } from "@/components/ui/cn";

import { pageHref, pageNumber } from "./page-params";

const PAGE_SIZE = 20;

type View = "venues" | "review" | "approved";

export const metadata = { title: "Consent wording · Portico staff" };

export default async function ConsentIndexPage({ searchParams }: { searchParams: Promise<{ view?: string; page?: string }> }) {
  const staff = await requireStaff("consent.draft");
  const params = await searchParams;
  const view: View = params.view === "review" || params.view === "approved" ? params.view : "venues";
  const page = pageNumber(params.page);
  const counts = await countWordingQueues(db);
  const tabs: { view: View; label: string }[] = [
    { view: "venues", label: "Venues" },
    { view: "review", label: `Needs review (${counts.inReview})` },
    { view: "approved", label: `Ready to publish (${counts.approved})` },
  ];

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Consent wording</h1>
        <p className="text-sm text-slate-700">
          What guests agree to, per venue, purpose and language. Anyone can draft; legal approves or rejects and publishes.
          {can(staff.role, "consent.review") ? null : " You can draft and submit wording; legal reviews it."}
        </p>
      </div>
      <nav aria-label="Consent wording views" className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <Link
            key={tab.view}
            href={tab.view === "venues" ? "/admin/consent" : `/admin/consent?view=${tab.view}`}
            aria-current={tab.view === view ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              tab.view === view ? "border-brand text-brand" : "border-transparent text-slate-700 hover:text-brand",
            )}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      {view === "venues" ? <VenueList page={page} /> : <Queue status={view === "review" ? "IN_REVIEW" : "APPROVED"} view={view} page={page} />}
    </div>
  );
}

async function VenueList({ page }: { page: number }) {
  const { venues, hasMore } = await listConsentVenues(db, { page, pageSize: PAGE_SIZE });
  if (venues.length === 0) return <EmptyState title="No venues yet">An admin creates venues under Venues.</EmptyState>;
  return (
    <>
      <Table aria-label="Venues">
        <thead>
          <tr>
            <Th>Venue</Th>
            <Th>Locales</Th>
            <Th>Waiting</Th>
          </tr>
        </thead>
        <tbody>
          {venues.map((venue) => (
            <tr key={venue.id}>
              <Td>
                <Link href={`/admin/consent/${encodeURIComponent(venue.slug)}`} className="font-medium text-brand hover:underline">
                  {venue.name}
                </Link>
                <div className="text-xs text-slate-600">{venue.slug}</div>
              </Td>
              <Td>{venue.locales.map((l) => (l === venue.defaultLocale ? `${l} (default)` : l)).join(", ")}</Td>
              <Td>
                <PendingBadges pending={venue.pending} />
                {venue.pending.DRAFT + venue.pending.IN_REVIEW + venue.pending.APPROVED === 0 ? <span className="text-slate-500">Nothing waiting</span> : null}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pagination newerHref={pageHref("/admin/consent", {}, page > 1 ? page - 1 : null)} olderHref={pageHref("/admin/consent", {}, hasMore ? page + 1 : null)} />
    </>
  );
}

async function Queue({ status, view, page }: { status: "IN_REVIEW" | "APPROVED"; view: View; page: number }) {
  const { items, hasMore } = await listWordingQueue(db, { status, page, pageSize: PAGE_SIZE });
  return (
    <>
      <WordingQueue
        items={items}
        emptyTitle={status === "IN_REVIEW" ? "Nothing waiting for review" : "Nothing approved and waiting to be published"}
        hrefFor={(item) => `/admin/consent/${encodeURIComponent(item.venue.slug)}/${item.purposeId}/${encodeURIComponent(item.locale)}?version=${item.id}#version-${item.id}`}
      />
      <Pagination
        newerHref={pageHref("/admin/consent", { view }, page > 1 ? page - 1 : null)}
        olderHref={pageHref("/admin/consent", { view }, hasMore ? page + 1 : null)}
      />
    </>
  );
}
