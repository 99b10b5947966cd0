import Link from "next/link";
import { notFound } from "next/navigation";

import { ConsentHistory, ConsentStatus } from "@/components/admin/guests/consent-history";
import { DeliveryTable } from "@/components/admin/guests/delivery-table";
import { DeviceTable } from "@/components/admin/guests/device-table";
import { EraseGuestForm } from "@/components/admin/guests/erase-guest-form";
import { ErasureStatus } from "@/components/admin/guests/erasure-status";
import { EventTable } from "@/components/admin/guests/event-table";
import { GuestIdentity } from "@/components/admin/guests/guest-identity";
import { VisitTable } from "@/components/admin/guests/visit-table";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listGuestDeliveries } from "@/lib/delivery/staff/delivery-health";
import { listGuestEvents, listGuestVisits } from "@/lib/guests/guest-activity";
import { currentConsents, getGuestProfile } from "@/lib/guests/guest-profile";
import { readPageRequest, type KeysetPage } from "@/lib/pagination/keyset-cursor";
import { pageHref, type QueryParams } from "@/lib/pagination/query-params";

import { endAccessAction, eraseGuestAction } from "./actions";

export const metadata = { title: "Guest · Portico staff" };

/** What the page says after an admin ended a device's access (the action's ?accessEnded=…). */
const accessEndedMessages: Record<string, string> = {
  revoked: "Access ended in Portico. The gateway has taken the device off.",
  unsupported: "Access ended in Portico. This gateway cannot be told: the device stays online until the gateway's own session timeout.",
  failed: "Access ended in Portico, but the gateway could not be told (see the audit log): the device stays online until its session timeout.",
  none: "Access ended in Portico.",
};

interface GuestPageProps {
  params: Promise<{ guestId: string }>;
  searchParams: Promise<QueryParams>;
}

/** One guest: read-only for marketers; legal and admins may erase them, admins end a device's network access. */
export default async function GuestPage({ params, searchParams }: GuestPageProps) {
  const staff = await requireStaff("guests.view");
  const { guestId } = await params;
  const query = await searchParams;
  const guest = await getGuestProfile(db, staff, guestId);
  if (!guest) notFound();

  const visitsPage = readPageRequest(query, { size: 20, idKind: "uuid", prefix: "visits-" });
  const eventsPage = readPageRequest(query, { size: 25, idKind: "serial", prefix: "events-" });
  const [visits, events, deliveries] = await Promise.all([
    listGuestVisits(db, staff, guest.id, visitsPage),
    listGuestEvents(db, staff, guest.id, eventsPage),
    listGuestDeliveries(db, staff, guest.id),
  ]);
  const path = `/admin/guests/${guest.id}`;
  const links = (page: KeysetPage<unknown>, prefix: string, hash: string) => ({
    newerHref: pageHref(path, query, { newer: page.newer }, { prefix, hash }),
    olderHref: pageHref(path, query, { older: page.older }, { prefix, hash }),
  });

  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/guests" className="text-sm text-brand hover:underline">
          ← All guests
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold break-all">{guest.emailNormalized ?? "Erased guest"}</h1>
          {guest.erasedAt ? <Badge tone="danger">Erased</Badge> : null}
          {can(staff.role, "guests.erase") || can(staff.role, "gateways.manage") ? null : <Badge>Read-only</Badge>}
        </div>
        <p className="mt-1 text-sm text-slate-600">
          Times are in each venue&apos;s time zone where a venue is involved, otherwise in UTC; the zone is written beside each time.
        </p>
      </div>
      {typeof query.accessEnded === "string" && accessEndedMessages[query.accessEnded] ? (
        <Alert tone={query.accessEnded === "failed" ? "danger" : "success"}>{accessEndedMessages[query.accessEnded]}</Alert>
      ) : null}
      {query.erased === "1" && guest.erasedAt ? (
        <Alert tone="success">The guest is erased. Each system that received them is being asked to delete them: see Erasure below.</Alert>
      ) : null}
      {visitsPage.invalid || eventsPage.invalid ? (
        <Alert tone="info">A page link was out of date or changed, so that list starts from its newest entries.</Alert>
      ) : null}

      <GuestIdentity guest={guest} />

      <Section id="consent" title="Consent" description="The latest decision for each purpose, then every record with the exact wording shown.">
        <ConsentStatus current={currentConsents(guest.consentHistory)} />
        <h3 className="mt-6 mb-3 text-sm font-semibold text-slate-800">History ({guest.consentHistory.length} records, newest first)</h3>
        <ConsentHistory entries={guest.consentHistory} />
      </Section>

      <Section id="deliveries" title="Where their data went" description="Every system this guest's data was sent to (or was to be), what it received and when. Only consents the guest gave send anything.">
        <DeliveryTable deliveries={deliveries} />
      </Section>

      <Section id="devices" title="Devices">
        <DeviceTable devices={guest.devices} />
      </Section>

      <Section id="visits" title="Visits">
        <VisitTable visits={visits.items} guestId={guest.id} endAccess={can(staff.role, "gateways.manage") ? endAccessAction : undefined} />
        <Pagination {...links(visits, "visits-", "#visits")} />
      </Section>

      <Section id="events" title="Events">
        <EventTable events={events.items} />
        <Pagination {...links(events, "events-", "#events")} />
      </Section>

      {guest.erasedAt ? (
        <Section id="erasure" title="Erasure" description="Personal data was removed from Portico at this time; each system that received the guest is asked to delete them, retried until it confirms (docs/RIGHTS.md).">
          <ErasureStatus erasedAt={guest.erasedAt} erasures={deliveries.filter((d) => d.operation === "erase")} />
        </Section>
      ) : can(staff.role, "guests.erase") ? (
        <Section id="erasure" title="Erase this guest" description="Removes their personal data from Portico for good and asks every system that received it to delete it. Visits, events and consent decisions stay, anonymised, so counts and the consent ledger stay whole.">
          <EraseGuestForm action={eraseGuestAction} guestId={guest.id} recipients={new Set(deliveries.filter((d) => d.operation === "upsert" && d.status === "SENT" && d.connectorId).map((d) => d.connectorId)).size} />
        </Section>
      ) : null}
    </div>
  );
}

function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <Card id={id} aria-labelledby={`${id}-title`} role="region">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {description ? <p className="mt-1 text-xs text-slate-600">{description}</p> : null}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}
