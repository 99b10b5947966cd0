import Link from "next/link";

import { Table, Td, Th } from "@/components/ui/table";
import type { GuestListItem } from "@/lib/guests/search-guests";

import { Timestamp } from "@/components/admin/timestamp";

export function GuestTable({ guests }: { guests: GuestListItem[] }) {
  return (
    <Table>
      <caption className="sr-only">Guests, most recently seen first</caption>
      <thead>
        <tr>
          <Th>Email</Th>
          <Th>Name</Th>
          <Th>Venues visited</Th>
          <Th className="text-right">Visits</Th>
          <Th>Last seen</Th>
          <Th>First seen</Th>
        </tr>
      </thead>
      <tbody>
        {guests.map((guest) => (
          <tr key={guest.id}>
            <Td>
              <Link href={`/admin/guests/${guest.id}`} className="font-medium text-brand hover:underline">
                {guest.emailNormalized ?? "(no email)"}
              </Link>
            </Td>
            <Td>{guest.name ?? <span className="text-slate-500">—</span>}</Td>
            <Td>{guest.venues.length ? guest.venues.join(", ") : <span className="text-slate-500">—</span>}</Td>
            <Td className="text-right tabular-nums">{guest.visitCount}</Td>
            <Td>
              <Timestamp at={guest.lastSeenAt} />
            </Td>
            <Td>
              <Timestamp at={guest.firstSeenAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
