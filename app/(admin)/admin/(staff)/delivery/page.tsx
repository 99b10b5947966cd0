import Link from "next/link";

import { ButtonForm } from "@/components/admin/delivery/button-form";
import { connectorStatusWords, formatDuration } from "@/components/admin/delivery/delivery-format";
import { GrantHealthTable } from "@/components/admin/delivery/grant-health-table";
import { HourlyChart } from "@/components/admin/delivery/hourly-chart";
import { Timestamp } from "@/components/admin/timestamp";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getDeliveryHealth, listDeadLetters, type ConnectorHealth } from "@/lib/delivery/staff/delivery-health";
import { alertWindowMinutes, getGrantHealth, grantFailureThreshold } from "@/lib/network/staff/grant-health";

import { connectorPath, gatewayPath, venuesPath } from "../venues/paths";
import { replayDeadLettersAction } from "./actions";

export const metadata = { title: "Delivery health · Portico staff" };

export default async function DeliveryHealthPage() {
  const staff = await requireStaff("delivery.view");
  const now = new Date();
  const [health, deadLetters, grants] = await Promise.all([getDeliveryHealth(db, staff, { now }), listDeadLetters(db, staff), getGrantHealth(db, staff, now)]);
  const stopped = health.connectors.filter((c) => c.status !== "ACTIVE");
  const mayReplay = can(staff.role, "connectors.manage");

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Delivery health</h1>
        <p className="mt-1 text-sm text-slate-600">
          Where consented guests are sent: each connection&apos;s last 24 hours, its queue and the records that failed for good. Nothing is sent
          without the consent the connection needs, checked again right before each send.
        </p>
      </div>

      {grants
        .filter((g) => g.alerting)
        .map((g) => (
          <Alert key={g.gatewayId} tone="danger">
            <strong>
              {g.gatewayName} ({g.venue.name}) failed {g.recent.failed} of {g.recent.total} grants in the last {alertWindowMinutes} minutes
            </strong>{" "}
            (more than {grantFailureThreshold * 100}%): guests who consented may not be online. {g.lastError ? `Last error: ${g.lastError} ` : ""}
            <Link href={gatewayPath(g.venue.id, g.gatewayId)} className="underline">
              Open the gateway
            </Link>
          </Alert>
        ))}

      {stopped.map((c) => (
        <Alert key={c.id} tone={c.status === "DISABLED" ? "danger" : "info"}>
          <strong>
            {c.name} ({c.vendor}, {c.venue.name}) is {c.status === "DISABLED" ? "disabled" : "paused"}
          </strong>
          {c.statusReason ? `: ${c.statusReason}` : "."} {c.pending > 0 ? `${c.pending} records wait for it; nothing is lost. ` : ""}
          <Link href={`${connectorPath(c.venue.id, c.id)}`} className="underline">
            Open the connection
          </Link>
        </Alert>
      ))}

      <Card>
        <CardHeader>
          <CardTitle>Connections</CardTitle>
        </CardHeader>
        <CardContent>
          {health.connectors.length === 0 ? (
            <EmptyState title="No connections yet">
              Connect a CRM, a newsletter or a sponsor&apos;s webhook from a <Link href={venuesPath} className="text-brand underline">venue&apos;s page</Link>.
            </EmptyState>
          ) : (
            <HealthTable connectors={health.connectors} now={now} />
          )}
        </CardContent>
      </Card>

      {grants.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Network access</CardTitle>
            <p className="mt-1 text-sm text-slate-600">
              Devices each gateway was asked to let on after consent. A grant the gateway collects itself (openNDS authmon, RADIUS) and has not
              collected within 2 minutes counts as failed; tap to grant runs from the consent page&apos;s submit.
            </p>
          </CardHeader>
          <CardContent>
            <GrantHealthTable gateways={grants} pathOf={gatewayPath} />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Last 24 hours</CardTitle>
        </CardHeader>
        <CardContent>
          <HourlyChart buckets={health.hourly} />
        </CardContent>
      </Card>

      <Card id="dead-letters">
        <CardHeader>
          <CardTitle>Dead letters</CardTitle>
          <p className="mt-1 text-sm text-slate-600">
            Records a vendor refused for good, or that failed every attempt. Sending one again starts from the first attempt, and only if the
            guest&apos;s consent still allows it; the vendor updates the same record rather than creating a second.
          </p>
        </CardHeader>
        <CardContent className="space-y-4">
          {deadLetters.length === 0 ? (
            <EmptyState title="No dead letters">Every record was delivered, is on its way, or was not sent because consent no longer allowed it.</EmptyState>
          ) : (
            <>
              {mayReplay
                ? [...new Map(deadLetters.map((d) => [d.connectorId, d.connectorName])).entries()].map(([connectorId, connectorName]) => (
                    <ButtonForm
                      key={connectorId}
                      name={`Send again all dead letters of ${connectorName}`}
                      action={replayDeadLettersAction}
                     
                      values={{ connectorId }}
                      label={`Send all of ${connectorName}'s again`}
                      variant="secondary"
                    />
                  ))
                : null}
              <Table>
                <caption className="sr-only">Dead letters, newest first</caption>
                <thead>
                  <tr>
                    <Th>Guest</Th>
                    <Th>Connection</Th>
                    <Th>Error</Th>
                    <Th>Attempts</Th>
                    <Th>Failed</Th>
                    {mayReplay ? (
                      <Th>
                        <span className="sr-only">Actions</span>
                      </Th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {deadLetters.map((d) => (
                    <tr key={d.id}>
                      <Td className="break-all">
                        <Link href={`/admin/guests/${d.guestId}`} className="text-brand hover:underline">
                          {d.email ?? "Erased guest"}
                        </Link>
                      </Td>
                      <Td>{d.connectorName}</Td>
                      <Td className="max-w-md break-words text-red-900">{d.error ?? "–"}</Td>
                      <Td className="tabular-nums">{d.attempts}</Td>
                      <Td>{d.settledAt ? <Timestamp at={d.settledAt} /> : "–"}</Td>
                      {mayReplay ? (
                        <Td>
                          <ButtonForm
                            name={`Send again to ${d.connectorName} for ${d.email ?? "an erased guest"}`}
                            action={replayDeadLettersAction}
                           
                            values={{ connectorId: d.connectorId, deliveryIds: d.id }}
                            label="Send again"
                            variant="secondary"
                          />
                        </Td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function HealthTable({ connectors, now }: { connectors: ConnectorHealth[]; now: Date }) {
  return (
    <Table>
      <caption className="sr-only">Each connection&apos;s deliveries in the last 24 hours and its queue now</caption>
      <thead>
        <tr>
          <Th>Connection</Th>
          <Th>Status</Th>
          <Th>Delivered</Th>
          <Th>Refused</Th>
          <Th>Not sent</Th>
          <Th>Calls (errors)</Th>
          <Th>Consent to delivery</Th>
          <Th>Waiting</Th>
          <Th>Dead letters</Th>
        </tr>
      </thead>
      <tbody>
        {connectors.map((c) => {
          const status = connectorStatusWords[c.status];
          const throttled = c.sendAfter && c.sendAfter > now;
          return (
            <tr key={c.id} data-connector={c.name}>
              <Td>
                <Link href={connectorPath(c.venue.id, c.id)} className="font-medium text-brand hover:underline">
                  {c.name}
                </Link>
                <p className="text-xs text-slate-600">
                  {c.vendor} · {c.venue.name} · needs {c.purpose.key}
                </p>
              </Td>
              <Td>
                <Badge tone={status.tone}>{status.label}</Badge>
                {throttled ? <p className="mt-1 text-xs text-amber-900">Vendor asked to wait {formatDuration(c.sendAfter!.getTime() - now.getTime())}</p> : null}
                {c.lastCall?.error && c.status === "ACTIVE" ? <p className="mt-1 max-w-xs text-xs break-words text-slate-600">Last: {c.lastCall.error}</p> : null}
              </Td>
              <Td className="tabular-nums" data-figure="delivered">{c.delivered}</Td>
              <Td className="tabular-nums" data-figure="refused">{c.rejected}</Td>
              <Td className="tabular-nums" data-figure="skipped">{c.skipped}</Td>
              <Td className="tabular-nums" data-figure="calls">
                {c.calls} ({c.callErrors})
                {c.callP95Ms !== null ? <p className="text-xs text-slate-600">p95 {formatDuration(c.callP95Ms)}</p> : null}
              </Td>
              <Td className="tabular-nums">
                {c.latencyP50Ms === null ? "–" : `median ${formatDuration(c.latencyP50Ms)}`}
                {c.latencyP95Ms !== null ? <p className="text-xs text-slate-600">p95 {formatDuration(c.latencyP95Ms)}</p> : null}
              </Td>
              <Td className="tabular-nums" data-figure="pending">
                {c.pending}
                {c.oldestPendingAt ? <p className="text-xs text-slate-600">oldest {formatDuration(now.getTime() - c.oldestPendingAt.getTime())}</p> : null}
              </Td>
              <Td className="tabular-nums" data-figure="dead-letters">
                {c.deadLetters > 0 ? (
                  <a href="#dead-letters" className="text-red-800 underline">
                    {c.deadLetters}
                  </a>
                ) : (
                  0
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
