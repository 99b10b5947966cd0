import Link from "next/link";

import { CopyableText } from "@/components/admin/copyable-text";
import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";

export interface GatewayRowView {
  id: string;
  name: string;
  slug: string;
  vendor: string;
  /** False when this Portico has no adapter for the stored kind: guests cannot be let on through it. */
  known: boolean;
  splashUrl: string;
}

/** A venue's gateways, each with the splash URL its controller sends guests to. */
export function GatewaysTable({ gateways, href }: { gateways: GatewayRowView[]; href: (id: string) => string }) {
  if (gateways.length === 0) {
    return <EmptyState title="No gateways yet">Guests can sign in, but Portico tells no controller to let them online until you add its gateway.</EmptyState>;
  }
  return (
    <Table>
      <caption className="sr-only">Gateways</caption>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Vendor</Th>
          <Th>Slug</Th>
          <Th>Splash URL for the controller</Th>
        </tr>
      </thead>
      <tbody>
        {gateways.map((g) => (
          <tr key={g.id}>
            <Td>
              <Link href={href(g.id)} className="text-brand hover:underline">
                {g.name}
              </Link>
            </Td>
            <Td>{g.known ? g.vendor : <Badge tone="danger">Unknown: {g.vendor}</Badge>}</Td>
            <Td>
              <code className="font-mono text-sm">{g.slug}</code>
            </Td>
            <Td>
              <CopyableText value={g.splashUrl} label={`Copy the splash URL of ${g.name}`} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
