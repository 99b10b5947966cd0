import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";

import { SponsorStatus } from "./sponsor-status";

export function ZonesTable({ zones, editHref }: { zones: { id: string; slug: string; name: string; accessPointCount: number }[]; editHref: (id: string) => string }) {
  if (zones.length === 0) return <EmptyState title="No zones yet">Zones tell where at the venue a guest connected, e.g. lobby or pool.</EmptyState>;
  return (
    <Table>
      <caption className="sr-only">Zones</caption>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Slug</Th>
          <Th>Access points</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {zones.map((zone) => (
          <tr key={zone.id}>
            <Td>{zone.name}</Td>
            <Td className="font-mono">{zone.slug}</Td>
            <Td className="tabular-nums">{zone.accessPointCount}</Td>
            <Td className="text-right">
              <Link href={editHref(zone.id)} className="text-brand hover:underline">
                Edit<span className="sr-only"> zone {zone.name}</span>
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function AccessPointsTable({
  accessPoints,
  editHref,
}: {
  accessPoints: { id: string; mac: string; name: string | null; zone: { name: string; slug: string } | null }[];
  editHref: (id: string) => string;
}) {
  if (accessPoints.length === 0) return <EmptyState title="No access points yet">Register an access point&apos;s MAC to place guests in its zone.</EmptyState>;
  return (
    <Table>
      <caption className="sr-only">Access points</caption>
      <thead>
        <tr>
          <Th>MAC address</Th>
          <Th>Name</Th>
          <Th>Zone</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {accessPoints.map((ap) => (
          <tr key={ap.id}>
            <Td className="font-mono">{ap.mac}</Td>
            <Td>{ap.name ?? <span className="text-slate-500">—</span>}</Td>
            <Td>{ap.zone ? ap.zone.name : <span className="text-slate-500">No zone</span>}</Td>
            <Td className="text-right">
              <Link href={editHref(ap.id)} className="text-brand hover:underline">
                Edit<span className="sr-only"> access point {ap.mac}</span>
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function SponsorsTable({
  sponsors,
  editHref,
}: {
  sponsors: {
    id: string;
    slug: string;
    name: string;
    dpaReference: string | null;
    dpaSignedAt: string | null;
    dpaExpiresAt: string | null;
    active: boolean;
    shown: boolean;
    reasons: string[];
    publishedLocales: string[];
  }[];
  editHref: (id: string) => string;
}) {
  if (sponsors.length === 0) return <EmptyState title="No sponsors yet">A sponsor gets its own consent box once its data-processing agreement is on file.</EmptyState>;
  return (
    <Table>
      <caption className="sr-only">Sponsors</caption>
      <thead>
        <tr>
          <Th>Sponsor</Th>
          <Th>Data-processing agreement</Th>
          <Th>Active</Th>
          <Th>Guests</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {sponsors.map((sponsor) => (
          <tr key={sponsor.id}>
            <Td>
              <span className="block font-medium">{sponsor.name}</span>
              <span className="font-mono text-xs text-slate-600">sponsor:{sponsor.slug}</span>
            </Td>
            <Td>
              {sponsor.dpaReference && sponsor.dpaSignedAt ? (
                <>
                  {sponsor.dpaReference}
                  <span className="block text-xs text-slate-600">signed {sponsor.dpaSignedAt}</span>
                  {sponsor.dpaExpiresAt ? <span className="block text-xs text-slate-600">expires {sponsor.dpaExpiresAt}</span> : null}
                </>
              ) : (
                <span className="text-slate-500">None on file</span>
              )}
            </Td>
            <Td>{sponsor.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}</Td>
            <Td>
              <SponsorStatus shown={sponsor.shown} reasons={sponsor.reasons} publishedLocales={sponsor.publishedLocales} />
            </Td>
            <Td className="text-right">
              <Link href={editHref(sponsor.id)} className="text-brand hover:underline">
                Edit<span className="sr-only"> sponsor {sponsor.name}</span>
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
