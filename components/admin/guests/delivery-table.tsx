import { deliveryStatusWords } from "@/components/admin/delivery/delivery-format";
import { Timestamp } from "@/components/admin/timestamp";
import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { GuestDelivery } from "@/lib/delivery/staff/delivery-health";

const deliveryWords: Record<string, string> = { upsert: "Profile and consent", rectify: "Corrected profile", erase: "Erasure", withdraw: "Withdrawal" };

/** Where a guest's data went, or was to go, and which of their fields each system received. */
export function DeliveryTable({ deliveries }: { deliveries: GuestDelivery[] }) {
  if (deliveries.length === 0) {
    return <EmptyState title="Sent nowhere">This guest&apos;s data has not been sent to any other system: no consent they gave called for it.</EmptyState>;
  }
  return (
    <Table>
      <caption className="sr-only">Deliveries of this guest&apos;s data, newest first</caption>
      <thead>
        <tr>
          <Th>System</Th>
          <Th>What</Th>
          <Th>Status</Th>
          <Th>Fields sent</Th>
          <Th>When</Th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => {
          const status = deliveryStatusWords[d.status];
          return (
            <tr key={d.id} data-delivery={d.connector}>
              <Td>{d.connector}</Td>
              <Td>{deliveryWords[d.operation] ?? d.operation}</Td>
              <Td>
                <Badge tone={status.tone}>{status.label}</Badge>
                {d.error && d.status !== "SENT" ? <p className="mt-1 max-w-xs text-xs break-words text-slate-600">{d.error}</p> : null}
              </Td>
              <Td className="max-w-xs text-xs">{d.fields.length > 0 ? d.fields.join(", ") : "–"}</Td>
              <Td>
                <Timestamp at={d.deliveredAt ?? d.settledAt ?? d.createdAt} />
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
