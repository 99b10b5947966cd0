import type { Metadata } from "next";

import { formatWhen } from "@/components/admin/format-when";
import { NewVoucherBatchForm } from "@/components/admin/vouchers/new-voucher-batch-form";
import { VoucherActionForm } from "@/components/admin/vouchers/voucher-action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatWallClock, toWallClock } from "@/lib/time/wall-clock";
import { listVoucherBatches, voucherVenueOptions, type VoucherBatchListItem } from "@/lib/vouchers";

import { createVoucherBatchAction, revokeVoucherBatchAction, revokeVoucherCodeAction, venueVouchersAction } from "./actions";

export const metadata: Metadata = { title: "Access codes · Portico" };

function status(batch: VoucherBatchListItem, now: Date) {
  if (batch.revokedAt) return <Badge tone="danger">Revoked</Badge>;
  if (batch.expiresAt <= now) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

export default async function VouchersPage() {
  const actor = await requireStaff("vouchers.manage");
  const [batches, venues] = await Promise.all([listVoucherBatches(db, actor), voucherVenueOptions(db, actor)]);
  const now = new Date();
  const inAWeek = toWallClock(new Date(now.getTime() + 7 * 86_400_000), venues[0]?.timezone ?? "UTC");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Access codes</h1>
        <p className="mt-1 text-sm text-slate-600">
          Printed codes guests type on the sign-in page instead of an email. Each sheet can be downloaded once: Portico keeps only a fingerprint of every code after that.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>On the sign-in page</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3">
          {venues.map((venue) => (
            <VoucherActionForm
              key={venue.id}
              action={venueVouchersAction}
              label={`Access codes at ${venue.name}`}
              fields={{ venueId: venue.id, enabled: venue.vouchersEnabled ? "off" : "on" }}
              submit={venue.vouchersEnabled ? "Turn off" : "Turn on"}
            >
              <span className="text-sm">
                {venue.name}: {venue.vouchersEnabled ? <Badge tone="success">Offered</Badge> : <Badge tone="neutral">Off</Badge>}
              </span>
            </VoucherActionForm>
          ))}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Create a batch</CardTitle>
        </CardHeader>
        <CardContent>
          <NewVoucherBatchForm action={createVoucherBatchAction} venues={venues} defaultExpiry={inAWeek} />
        </CardContent>
      </Card>
      {batches.length === 0 ? (
        <EmptyState title="No batches yet" />
      ) : (
        <Table>
          <caption className="sr-only">Voucher batches</caption>
          <thead>
            <tr>
              <Th>Batch</Th>
              <Th>Venue</Th>
              <Th>Each code</Th>
              <Th>Used</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Changes</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.id} data-voucher-batch={batch.label}>
                <Td className="font-medium">
                  {batch.label}
                  <div className="text-xs text-slate-600">
                    {batch.codeCount} codes of {batch.codeLength} digits · {formatWhen(batch.createdAt)}
                  </div>
                </Td>
                <Td>{batch.venue.name}</Td>
                <Td className="text-xs">
                  {batch.accessMinutes} min{batch.dataMb ? ` · ${batch.dataMb} MB` : ""} · {batch.maxDevices} device{batch.maxDevices === 1 ? "" : "s"}
                </Td>
                <Td className="text-xs">
                  {batch.redeemed} redeemed · {batch.expiresAt <= now ? `${batch.unused} expired unused` : `${batch.unused} unused`}
                  {batch.revokedCodes ? ` · ${batch.revokedCodes} revoked` : ""}
                </Td>
                <Td>
                  {status(batch, now)}
                  <div className="text-xs text-slate-600">
                    until {formatWallClock(batch.expiresAt, batch.venue.timezone)} ({batch.venue.timezone})
                  </div>
                </Td>
                <Td className="space-y-2">
                  {batch.printable && !batch.revokedAt ? (
                    <form method="post" action={`/admin/vouchers/${batch.id}/sheet`} aria-label={`Download the sheet of ${batch.label}`}>
                      <Button type="submit" size="sm">
                        Download sheet (once)
                      </Button>
                    </form>
                  ) : batch.printedAt ? (
                    <p className="text-xs text-slate-600">Printed {formatWhen(batch.printedAt)}</p>
                  ) : null}
                  {batch.revokedAt ? null : (
                    <VoucherActionForm
                      action={revokeVoucherBatchAction}
                      label={`Revoke ${batch.label}`}
                      fields={{ batchId: batch.id }}
                      submit="Revoke batch"
                      confirm={`Revoke every code of ${batch.label}? Guests who already redeemed one keep their current session.`}
                      destructive
                    />
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Revoke one code</CardTitle>
        </CardHeader>
        <CardContent>
          <VoucherActionForm action={revokeVoucherCodeAction} label="Revoke one code" fields={{}} submit="Revoke code" destructive>
            <label className="text-sm">
              <span className="block font-medium">Venue</span>
              <Select name="venueId" defaultValue={venues[0]?.id}>
                {venues.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </Select>
            </label>
            <label className="text-sm">
              <span className="block font-medium">Code, as printed on the card</span>
              <Input name="code" inputMode="numeric" autoComplete="off" />
            </label>
          </VoucherActionForm>
        </CardContent>
      </Card>
    </div>
  );
}
