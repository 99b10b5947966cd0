import Link from "next/link";

import { connectorStatusWords } from "@/components/admin/delivery/delivery-format";
import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";

export interface ConnectorRowView {
  id: string;
  name: string;
  vendor: string;
  needs: string;
  status: keyof typeof connectorStatusWords;
  pending: number;
}

/** A venue's connections: where its consented guests are sent. */
export function ConnectorsTable({ connectors, href }: { connectors: ConnectorRowView[]; href: (id: string) => string }) {
  if (connectors.length === 0) {
    return <EmptyState title="No connections yet">Nothing leaves Portico until you connect a CRM, a newsletter or a sponsor&apos;s webhook.</EmptyState>;
  }
  return (
    <Table>
      <caption className="sr-only">Connections</caption>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>System</Th>
          <Th>Receives guests who consented to</Th>
          <Th>Status</Th>
          <Th>Waiting</Th>
        </tr>
      </thead>
      <tbody>
        {connectors.map((c) => (
          <tr key={c.id}>
            <Td>
              <Link href={href(c.id)} className="text-brand hover:underline">
                {c.name}
              </Link>
            </Td>
            <Td>{c.vendor}</Td>
            <Td>{c.needs}</Td>
            <Td>
              <Badge tone={connectorStatusWords[c.status].tone}>{connectorStatusWords[c.status].label}</Badge>
            </Td>
            <Td className="tabular-nums">{c.pending}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
