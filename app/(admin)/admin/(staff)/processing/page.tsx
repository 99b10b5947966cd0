import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordOfProcessing, retentionFacts } from "@/lib/governance/record-of-processing";

export const metadata = { title: "Record of processing · Portico staff" };

const purposeName = (key: string, sponsor: string | null) => (key === "terms" ? "Terms of use" : key === "marketing" ? "Marketing from the venue" : `Sponsor: ${sponsor ?? key}`);
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "—");

/** What Portico processes, for whom, on what basis, who receives it and for how long: drawn from the configuration. */
export default async function ProcessingPage() {
  const staff = await requireStaff("processing.view");
  const venues = await recordOfProcessing(db, staff);
  const retention = retentionFacts({ journeyTtlMinutes: env.JOURNEY_TTL_MINUTES, exportLinkMinutes: env.PORTICO_EXPORT_LINK_MINUTES });

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Record of processing</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        Drawn from this installation&apos;s configuration as it is now: the purposes guests are asked about and the wording live for each, who receives guests&apos;
        data for each purpose and which fields, the gateways that handle devices&apos; addresses, and how long data is kept. Print this page for your records.
      </p>

      <Card>
        <CardHeader>
          <CardTitle>Categories of data and retention</CardTitle>
        </CardHeader>
        <CardContent>
          <Table>
            <caption className="sr-only">How long each kind of data is kept</caption>
            <thead>
              <tr>
                <Th>Data</Th>
                <Th>Kept</Th>
              </tr>
            </thead>
            <tbody>
              {retention.map((row) => (
                <tr key={row.data}>
                  <Td>{row.data}</Td>
                  <Td>{row.kept}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </CardContent>
      </Card>

      {venues.length === 0 ? <EmptyState title="No venues yet" /> : null}
      {venues.map(({ venue, purposes, gateways, retention: policy }) => (
        <section key={venue.id} aria-labelledby={`venue-${venue.slug}`} className="space-y-3">
          <h2 id={`venue-${venue.slug}`} className="text-xl font-semibold">
            {venue.name}
          </h2>
          {purposes.map((purpose) => (
            <Card key={purpose.key}>
              <CardHeader>
                <CardTitle>{purposeName(purpose.key, purpose.sponsor?.name ?? null)}</CardTitle>
                <p className="mt-1 text-sm text-slate-600">{purpose.lawfulBasis}</p>
              </CardHeader>
              <CardContent className="space-y-3 text-sm">
                {purpose.sponsor ? (
                  <p>
                    Data-processing agreement: {purpose.sponsor.dpaReference ?? "none on file"}, signed {day(purpose.sponsor.dpaSignedAt)}
                    {purpose.sponsor.dpaExpiresAt ? `, expires ${day(purpose.sponsor.dpaExpiresAt)}` : ""}.{" "}
                    {purpose.sponsor.offered ? <Badge tone="success">Offered to guests</Badge> : <Badge tone="danger">Not offered: {purpose.sponsor.reasons.join(", ")}</Badge>}
                  </p>
                ) : null}
                <p>
                  Live wording:{" "}
                  {purpose.wording.length === 0
                    ? "none published"
                    : purpose.wording.map((w) => `${w.locale} v${w.version} (sha256 ${w.sha256.slice(0, 12)}…, published ${day(w.publishedAt)})`).join("; ")}
                </p>
                {purpose.kind === "TERMS" ? (
                  <p>Recipients: none. Accepting the terms sends data to no one.</p>
                ) : purpose.recipients.length === 0 ? (
                  <p>Recipients: none configured. Guests who say yes are recorded; nothing is sent.</p>
                ) : (
                  <Table>
                    <caption className="text-left text-sm font-medium">Recipients of guests who said yes</caption>
                    <thead>
                      <tr>
                        <Th>Recipient</Th>
                        <Th>Vendor</Th>
                        <Th>Status</Th>
                        <Th>Fields it receives</Th>
                      </tr>
                    </thead>
                    <tbody>
                      {purpose.recipients.map((r) => (
                        <tr key={r.name}>
                          <Td>{r.name}</Td>
                          <Td>{r.vendor}</Td>
                          <Td>{r.status.toLowerCase()}</Td>
                          <Td>{r.fields.join(", ")}</Td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                )}
              </CardContent>
            </Card>
          ))}
          <Card>
            <CardHeader>
              <CardTitle>Retention at {venue.name}</CardTitle>
            </CardHeader>
            <CardContent className="text-sm">
              {policy ? (
                <ul className="list-disc space-y-1 pl-5">
                  <li>Guests: {policy.guests}.</li>
                  <li>Events: {policy.events}.</li>
                  <li>Network details: {policy.sessions}.</li>
                  <li className="text-slate-600">
                    Policy set {policy.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC by {policy.updatedBy}; applied daily by the job queue.
                  </li>
                </ul>
              ) : (
                <p>No retention policy: data is kept until a guest is erased.</p>
              )}
            </CardContent>
          </Card>
          <p className="text-sm">
            Gateways handling devices&apos; MAC and IP addresses: {gateways.length === 0 ? "none configured" : gateways.map((g) => `${g.name} (${g.vendor})`).join(", ")}.
          </p>
        </section>
      ))}
    </div>
  );
}
