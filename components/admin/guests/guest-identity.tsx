import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { GuestProfile } from "@/lib/guests/guest-profile";

import { JsonView } from "./json-view";
import { Timestamp } from "@/components/admin/timestamp";

/** Who the guest is, as far as Portico knows: the identity fields and the visitor data. */
export function GuestIdentity({ guest }: { guest: GuestProfile }) {
  const rows: [string, React.ReactNode][] = [
    ["Email (as typed)", guest.email],
    ["Email (normalised)", guest.emailNormalized],
    ["Name", guest.name],
    ["Phone", guest.phone],
    ["Birthday", guest.birthday ? guest.birthday.toISOString().slice(0, 10) : null],
    ["Locale", guest.locale],
    ["First seen", <Timestamp key="first" at={guest.firstSeenAt} />],
    ["Last seen", <Timestamp key="last" at={guest.lastSeenAt} />],
    ["Visits", guest.visitCount.toLocaleString("en-GB")],
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-medium text-slate-700">{label}</dt>
                <dd className="min-w-0 break-words">{value ?? <span className="text-slate-500">Not given</span>}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Visitor data</CardTitle>
          <p className="mt-1 text-xs text-slate-600">Grouped by the system that wrote it.</p>
        </CardHeader>
        <CardContent>
          <JsonView value={guest.visitorData} emptyText="No visitor data." />
        </CardContent>
      </Card>
    </div>
  );
}
