import "server-only";

import type { ReactElement } from "react";

import { NetworkCheckBody, type NetworkCheckRow } from "@/components/portal/network-check-body";
import { networkCheckScript, portalStylesheet } from "@/components/portal/page-assets";
import { PortalDocument } from "@/components/portal/portal-document";
import { PortalShell } from "@/components/portal/portal-shell";
import { probeUrlOf, type WalledGardenEntry } from "@/lib/network/walled-garden/entries";
import { portalWhy } from "@/lib/network/walled-garden/gateway-walled-garden";

import type { PortalFrame } from "./frame";

/** A host outside every walled garden, reachable from the internet: it must fail before sign-in. */
export const outsideProbeUrl = "https://example.com/";

/**
 * The check's page, for technicians (English, as the staff area is): Portico's own entry is
 * asked for at /healthz, the cheapest answer it has.
 */
export function networkCheckPage(frame: PortalFrame, gatewayName: string, entries: readonly WalledGardenEntry[]): { document: ReactElement; probeOrigins: string[] } {
  const rows: NetworkCheckRow[] = entries.map((entry) => ({
    label: `${entry.kind === "ipv6" ? `[${entry.host}]` : entry.host}:${entry.port}`,
    why: entry.why,
    probeUrl: probeUrlOf(entry, entry.why === portalWhy ? "/healthz" : "/"),
  }));
  rows.push({ label: new URL(outsideProbeUrl).host, why: "Outside the walled garden: must be blocked until sign-in", probeUrl: outsideProbeUrl, expectBlocked: true });
  const probeOrigins = [...new Set(rows.flatMap((row) => (row.probeUrl ? [new URL(row.probeUrl).origin] : [])))];
  const { venue } = frame;
  const document = (
    <PortalDocument lang="en" dir="ltr" title={`Walled-garden check · ${venue.name}`} stylesheet={portalStylesheet()} script={networkCheckScript}>
      <PortalShell lang="en" venueName={venue.name} headline="Walled-garden check" footer={venue.name}>
        <NetworkCheckBody gatewayName={gatewayName} rows={rows} />
      </PortalShell>
    </PortalDocument>
  );
  return { document, probeOrigins };
}
