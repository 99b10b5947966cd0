import { deliveryStatusWords } from "@/components/admin/delivery/delivery-format";
import { Timestamp } from "@/components/admin/timestamp";
import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { GuestDelivery } from "@/lib/delivery/staff/delivery-health";

const erasureWords = { erased: "Deleted the person", notFound: "Had no record of them" } as const;

/** An erased guest: when, and each system's deletion, until every one has confirmed. */
export function ErasureStatus({ erasedAt, erasures }: { erasedAt: Date; erasures: GuestDelivery[] }) {
  const done = erasures.filter((e) => e.status === "SENT").length;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Erased from Portico on <Timestamp at={erasedAt} />.{" "}
        {erasures.length === 0 ? "No other system had received this guest." : `${done} of ${erasures.length} systems confirmed the deletion.`}
      </p>
      {erasures.length === 0 ? (
        <EmptyState title="Nothing to delete elsewhere">This guest&apos;s data had not been sent to any other system.</EmptyState>
      ) : (
        <Table>
          <caption className="sr-only">Each system&apos;s deletion of this guest</caption>
          <thead>
            <tr>
              <Th>System</Th>
              <Th>Status</Th>
              <Th>Attempts</Th>
              <Th>Last change</Th>
            </tr>
          </thead>
          <tbody>
            {erasures.map((e) => {
              const status = deliveryStatusWords[e.status];
              return (
                <tr key={e.id} data-erasure={e.connector}>
                  <Td>{e.connector}</Td>
                  <Td>
                    <Badge tone={status.tone}>{e.erasure ? erasureWords[e.erasure] : status.label}</Badge>
                    {e.error && e.status !== "SENT" ? <p className="mt-1 max-w-xs text-xs break-words text-slate-600">{e.error}</p> : null}
                  </Td>
                  <Td>{e.attempts}</Td>
                  <Td>
                    <Timestamp at={e.settledAt ?? e.createdAt} />
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </div>
  );
}
