import { notFound } from "next/navigation";

import { ConnectorForm } from "@/components/admin/connectors/connector-form";
import { ButtonForm } from "@/components/admin/delivery/button-form";
import { connectorStatusWords, formatDuration } from "@/components/admin/delivery/delivery-format";
import { Timestamp } from "@/components/admin/timestamp";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getDeliveryHealth } from "@/lib/delivery/staff/delivery-health";
import { vendorForm } from "@/lib/delivery/staff/vendor-forms";

import { deleteConnectorAction, pauseConnectorAction, resumeConnectorAction, testConnectorAction, updateConnectorAction } from "../../../connector-actions";
import { deliveryPath, venuePath, venuesPath } from "../../../paths";

export const metadata = { title: "Connection · Portico staff" };

interface ConnectorPageProps {
  params: Promise<{ venueId: string; connectorId: string }>;
  searchParams: Promise<{ created?: string }>;
}

export default async function ConnectorPage({ params, searchParams }: ConnectorPageProps) {
  const staff = await requireStaff("connectors.manage");
  const { venueId, connectorId } = await params;
  const { created } = await searchParams;
  const connector = await db.connector
    .findFirst({ where: { id: connectorId, venueId }, include: { venue: true, purpose: { include: { sponsor: { select: { name: true } } } } } })
    .catch(() => null);
  if (!connector) notFound();
  const vendor = vendorForm(connector.kind);
  const now = new Date();
  const [health, calls] = await Promise.all([
    getDeliveryHealth(db, staff, { now, venueId }),
    db.deliveryCall.findMany({ where: { connectorId: connector.id }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: 20 }),
  ]);
  const figures = health.connectors.find((c) => c.id === connector.id);
  const status = connectorStatusWords[connector.status];
  const ref = { venueId, connectorId: connector.id };
  const purpose = connector.purpose.kind === "MARKETING" ? "marketing consent (the venue's own tools)" : `consent to sponsor ${connector.purpose.sponsor?.name ?? connector.purpose.key}`;

  return (
    <div className="space-y-6">
      <Breadcrumb items={[{ label: "Venues", href: venuesPath }, { label: connector.venue.name, href: venuePath(venueId) }, { label: connector.name }]} />
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{connector.name}</h1>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <p className="text-sm text-slate-600">
        {vendor?.label ?? connector.kind} · receives guests whose latest answer is yes to the {purpose}.
      </p>
      {created ? <Alert tone="success">Connected. Test the connection below; guests who consent from now on are sent here.</Alert> : null}
      {connector.status !== "ACTIVE" ? (
        <Alert tone={connector.status === "DISABLED" ? "danger" : "info"}>
          {connector.statusReason ?? "Paused."} {figures && figures.pending > 0 ? `${figures.pending} records wait; they go when it is resumed.` : ""}
        </Alert>
      ) : null}
      {!vendor ? <Alert tone="danger">This Portico has no connector of kind “{connector.kind}”, so nothing can be sent here.</Alert> : null}

      <Card>
        <CardHeader>
          <CardTitle>Status</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          {figures ? (
            <dl className="grid gap-4 text-sm sm:grid-cols-3 lg:grid-cols-6">
              <Figure label="Delivered (24 h)" value={figures.delivered} />
              <Figure label="Refused (24 h)" value={figures.rejected} />
              <Figure label="Calls (errors)" value={`${figures.calls} (${figures.callErrors})`} />
              <Figure label="Consent to delivery" value={figures.latencyP50Ms === null ? "–" : `median ${formatDuration(figures.latencyP50Ms)}`} />
              <Figure label="Waiting" value={`${figures.pending}${figures.oldestPendingAt ? `, oldest ${formatDuration(now.getTime() - figures.oldestPendingAt.getTime())}` : ""}`} />
              <Figure label="Dead letters" value={figures.deadLetters} href={figures.deadLetters > 0 ? `${deliveryPath}#dead-letters` : undefined} />
            </dl>
          ) : null}
          <div className="flex flex-wrap items-start gap-3">
            {vendor ? <ButtonForm name="Test the connection" action={testConnectorAction} values={ref} label="Test the connection" pendingLabel="Testing…" /> : null}
            {connector.status === "ACTIVE" ? (
              <ButtonForm name="Pause" action={pauseConnectorAction} values={ref} label="Pause" variant="secondary" />
            ) : (
              <ButtonForm name="Resume" action={resumeConnectorAction} values={ref} label="Resume" />
            )}
          </div>
        </CardContent>
      </Card>

      {vendor ? (
        <Card>
          <CardHeader>
            <CardTitle>Settings</CardTitle>
          </CardHeader>
          <CardContent>
            <ConnectorForm
              action={updateConnectorAction}
              venueId={venueId}
              vendor={vendor}
              connector={{
                id: connector.id,
                name: connector.name,
                batchWaitSeconds: connector.batchWaitSeconds,
                // A plain copy: the JSON column's objects are not plain enough for a client component.
                settings: JSON.parse(JSON.stringify(connector.settings)) as unknown,
                credentialsSetAt: connector.secrets ? connector.updatedAt.toISOString() : null,
              }}
            />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Recent calls</CardTitle>
        </CardHeader>
        <CardContent>
          {calls.length === 0 ? (
            <EmptyState title="No calls yet">Calls appear here once a guest consents or the connection is tested.</EmptyState>
          ) : (
            <Table>
              <caption className="sr-only">The last 20 calls to {connector.name}</caption>
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>Outcome</Th>
                  <Th>Records</Th>
                  <Th>Delivered</Th>
                  <Th>Took</Th>
                  <Th>Vendor said</Th>
                </tr>
              </thead>
              <tbody>
                {calls.map((call) => (
                  <tr key={String(call.id)}>
                    <Td>
                      <Timestamp at={call.startedAt} />
                    </Td>
                    <Td>{call.outcome}</Td>
                    <Td className="tabular-nums">{call.items}</Td>
                    <Td className="tabular-nums">{call.delivered}</Td>
                    <Td className="tabular-nums">{formatDuration(call.durationMs)}</Td>
                    <Td className="max-w-md break-words">{call.error ?? "–"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Remove</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            What it was sent stays on each guest&apos;s record under its name; what still waits is closed as not sent. Data already at the vendor stays
            there until a guest asks to be erased.
          </p>
        </CardHeader>
        <CardContent>
          <ButtonForm name="Remove this connection" action={deleteConnectorAction} values={ref} label="Remove this connection" variant="destructive" />
        </CardContent>
      </Card>
    </div>
  );
}

function Figure({ label, value, href }: { label: string; value: string | number; href?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">
        {href ? (
          <a href={href} className="text-red-800 underline">
            {value}
          </a>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}
