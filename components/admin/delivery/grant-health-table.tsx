import Link from "next/link";

import { formatDuration } from "@/components/admin/delivery/delivery-format";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { GatewayGrantHealth } from "@/lib/network/staff/grant-health";

/** Each gateway's grants: the alert window and the last 24 hours, failures, and time from tap to grant. */
export function GrantHealthTable({ gateways, pathOf }: { gateways: GatewayGrantHealth[]; pathOf: (venueId: string, gatewayId: string) => string }) {
  return (
    <Table>
      <caption className="sr-only">Each gateway&apos;s grants in the last 5 minutes and 24 hours</caption>
      <thead>
        <tr>
          <Th>Gateway</Th>
          <Th>Last 5 minutes</Th>
          <Th>Last 24 hours</Th>
          <Th>Failed (24 h)</Th>
          <Th>Tap to grant</Th>
        </tr>
      </thead>
      <tbody>
        {gateways.map((g) => (
          <tr key={g.gatewayId} data-gateway={g.gatewayName}>
            <Td>
              <Link href={pathOf(g.venue.id, g.gatewayId)} className="font-medium text-brand hover:underline">
                {g.gatewayName}
              </Link>
              <p className="text-xs text-slate-600">
                {g.kind} · {g.venue.name}
              </p>
            </Td>
            <Td className="tabular-nums" data-figure="recent">
              {g.recent.total === 0 ? "–" : `${g.recent.total - g.recent.failed} of ${g.recent.total} let on`}
              {g.alerting ? (
                <p className="mt-1">
                  <Badge tone="danger">Failing</Badge>
                </p>
              ) : null}
            </Td>
            <Td className="tabular-nums" data-figure="day">
              {g.day.total}
              {g.day.waiting > 0 ? <p className="text-xs text-slate-600">{g.day.waiting} waiting for the gateway</p> : null}
            </Td>
            <Td className="tabular-nums" data-figure="failed">
              {g.day.failed}
              {g.lastError ? <p className="mt-1 max-w-xs text-xs break-words text-slate-600">Last: {g.lastError}</p> : null}
            </Td>
            <Td className="tabular-nums" data-figure="tap-to-grant">
              {g.secondsToGrant ? `median ${formatDuration(g.secondsToGrant.p50 * 1000)}` : "–"}
              {g.secondsToGrant ? <p className="text-xs text-slate-600">p95 {formatDuration(g.secondsToGrant.p95 * 1000)}</p> : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
