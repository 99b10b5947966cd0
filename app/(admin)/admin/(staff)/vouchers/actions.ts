"use server";

import { revalidatePath } from "next/cache";

import type { StaffActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { staffAction } from "@/lib/staff/staff-action";
import { createVoucherBatch, revokeVoucherBatch, revokeVoucherCode, setVenueVouchers, voucherKeys, voucherVenueOptions } from "@/lib/vouchers";
import { newVoucherBatchSchema, revokeVoucherCodeSchema, venueVouchersSchema, voucherBatchIdSchema, voucherTimeZones } from "@/lib/vouchers/schemas";

// The expiry is read on the chosen venue's clock: the schema is built from the venues, as the page builds the form's.
const batchSchema = async (actor: StaffActor) => newVoucherBatchSchema(voucherTimeZones(await voucherVenueOptions(db, actor)));

export const createVoucherBatchAction = staffAction("vouchers.manage", batchSchema, async (input, { actor, ip }) => {
  await createVoucherBatch(db, { ...actor, ip }, voucherKeys(), input);
  revalidatePath("/admin/vouchers");
  return { status: "ok", message: `Created ${input.count} codes for ${input.label}. Download the sheet below: it can be printed only once.` };
});

export const revokeVoucherBatchAction = staffAction("vouchers.manage", voucherBatchIdSchema, async ({ batchId }, { actor, ip }) => {
  await revokeVoucherBatch(db, { ...actor, ip }, batchId);
  revalidatePath("/admin/vouchers");
  return { status: "ok", message: "Batch revoked: none of its codes can be redeemed any more." };
});

export const revokeVoucherCodeAction = staffAction("vouchers.manage", revokeVoucherCodeSchema, async (input, { actor, ip }) => {
  const { batchLabel } = await revokeVoucherCode(db, { ...actor, ip }, voucherKeys(), input);
  revalidatePath("/admin/vouchers");
  return { status: "ok", message: `Code revoked (batch ${batchLabel}).` };
});

export const venueVouchersAction = staffAction("vouchers.manage", venueVouchersSchema, async ({ venueId, enabled }, { actor, ip }) => {
  await setVenueVouchers(db, { ...actor, ip }, venueId, enabled === "on");
  revalidatePath("/admin/vouchers");
  return { status: "ok", message: enabled === "on" ? "The splash now offers “I have an access code”." : "Access codes are off on the splash." };
});
