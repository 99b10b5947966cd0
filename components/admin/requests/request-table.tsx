import Link from "next/link";

import { Table, Td, Th } from "@/components/ui/table";
import type { RightsRequestRow } from "@/lib/rights/requests";

import { DueBadge, RequestStatusBadge, requestKindNames } from "./request-badges";

export function RequestTable({ requests }: { requests: RightsRequestRow[] }) {
  return (
    <Table>
      <caption className="sr-only">Rights requests</caption>
      <thead>
        <tr>
          <Th>Received</Th>
          <Th>Request</Th>
          <Th>Requester</Th>
          <Th>Status</Th>
          <Th>Due</Th>
          <Th>Handled by</Th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => (
          <tr key={r.id} className={r.urgency === "overdue" ? "bg-red-50" : r.urgency === "nearDue" ? "bg-amber-50" : undefined}>
            <Td className="tabular-nums">{r.receivedAt.toISOString().slice(0, 10)}</Td>
            <Td>
              <Link href={`/admin/requests/${r.id}`} className="text-brand hover:underline">
                {requestKindNames[r.kind] ?? r.kind}
              </Link>
            </Td>
            <Td className="break-all">{r.email ?? <span className="text-slate-500">erased</span>}{r.guestId ? null : <span className="block text-xs text-slate-600">no guest with this email</span>}</Td>
            <Td>
              <RequestStatusBadge status={r.status} />
            </Td>
            <Td>
              <DueBadge dueAt={r.dueAt} urgency={r.urgency} />
              {r.extendedAt ? <span className="block text-xs text-slate-600">extended</span> : null}
            </Td>
            <Td className="text-sm">{r.handledBy ? `${r.handledBy.email}, ${r.handledAt?.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
