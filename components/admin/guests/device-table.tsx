import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { GuestDevice } from "@/lib/guests/guest-profile";

import { Timestamp } from "@/components/admin/timestamp";

const dash = <span className="text-slate-500">—</span>;

export function DeviceTable({ devices }: { devices: GuestDevice[] }) {
  if (devices.length === 0) return <EmptyState title="No devices recorded" />;
  return (
    <Table>
      <caption className="sr-only">Devices, most recently seen first</caption>
      <thead>
        <tr>
          <Th>Type</Th>
          <Th>Operating system</Th>
          <Th>Browser</Th>
          <Th>Language</Th>
          <Th>MAC address</Th>
          <Th>First seen</Th>
          <Th>Last seen</Th>
        </tr>
      </thead>
      <tbody>
        {devices.map((device) => (
          <tr key={device.id}>
            <Td>{titleCase(device.deviceType)}</Td>
            <Td>{device.osFamily ? [device.osFamily, device.osVersion].filter(Boolean).join(" ") : dash}</Td>
            <Td>{device.browser ?? dash}</Td>
            <Td>{device.language ?? dash}</Td>
            <Td>
              {device.macAddress ? (
                <span className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs">{device.macAddress}</code>
                  {device.macRandomized ? (
                    <Badge tone="warning" title="Locally administered address: the phone picks a random MAC per network, so it may change">
                      Randomised
                    </Badge>
                  ) : (
                    <Badge>Hardware</Badge>
                  )}
                </span>
              ) : (
                <span className="text-slate-500">Not sent by the gateway</span>
              )}
            </Td>
            <Td>
              <Timestamp at={device.firstSeenAt} />
            </Td>
            <Td>
              <Timestamp at={device.lastSeenAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function titleCase(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}
