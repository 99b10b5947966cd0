"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { db } from "@/lib/db";
import type { VendorFormState } from "@/lib/delivery/staff/connector-form-state";
import { readPostedVendor } from "@/lib/delivery/vendor-input";
import { isDomainError } from "@/lib/errors";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { createGateway, deleteGateway, gatewayAdapterOf, updateGateway, updateGatewayTierLimits, updateGatewayWalledGarden } from "@/lib/network/staff/manage-gateways";
import { tierLimitsFormSchema, tierLimitsFromForm } from "@/lib/network/tier-limits";
import { gatewayCreateSchema, gatewayRefSchema, gatewayUpdateSchema } from "@/lib/network/staff/schemas";
import { walledGardenFormSchema } from "@/lib/network/walled-garden/schemas";
import { staffMessage, staffRefusal } from "@/lib/staff/messages";
import { staffAction, type StaffActionContext } from "@/lib/staff/staff-action";

import { gatewayPath, venuePath } from "./paths";

const actorOf = ({ actor, ip }: StaffActionContext) => ({ id: actor.id, role: actor.role, ip });

/**
 * Reads the vendor's part of the form, then runs the change; a refusal (a slug taken, missing
 * credentials) comes back with what was typed, settings included, so nothing has to be typed again.
 */
async function withVendor(kind: string, context: StaffActionContext, common: Record<string, string>, change: (vendor: { settings: unknown; secrets: unknown }) => Promise<VendorFormState>): Promise<VendorFormState> {
  const adapter = gatewayAdapterOf(kind);
  if (!adapter) return { status: "error", message: staffMessage("gatewayKindUnknown"), values: common };
  const posted = readPostedVendor(adapter, context.formData);
  if (!posted.ok) return { status: "error", message: staffMessage("invalidFields"), fieldErrors: posted.fieldErrors, values: common, settingsValues: posted.settings };
  try {
    return await change(posted);
  } catch (error) {
    const refusal = isDomainError(error) ? staffRefusal(error) : null;
    if (refusal) return { status: "error", ...refusal, values: common, settingsValues: posted.settings };
    throw error;
  }
}

export const createGatewayAction = staffAction("gateways.manage", gatewayCreateSchema, async (input, context): Promise<VendorFormState> => {
  let href = "";
  const state = await withVendor(input.kind, context, { name: input.name, slug: input.slug }, async (vendor) => {
    const row = await createGateway(db, actorOf(context), gatewaySecretStore(), { ...input, ...vendor });
    href = gatewayPath(input.venueId, row.id);
    return { status: "ok" };
  });
  if (state.status !== "ok") return state;
  revalidatePath(venuePath(input.venueId));
  redirect(`${href}?created=1`);
});

export const updateGatewayAction = staffAction("gateways.manage", gatewayUpdateSchema, async (input, context): Promise<VendorFormState> => {
  const stored = await db.gateway.findFirst({ where: { id: input.gatewayId, venueId: input.venueId }, select: { kind: true } });
  if (!stored) return { status: "error", message: staffMessage("gatewayGone") };
  return withVendor(stored.kind, context, { name: input.name, slug: input.slug }, async (vendor) => {
    const row = await updateGateway(db, actorOf(context), gatewaySecretStore(), { ...input, ...vendor });
    revalidatePath(venuePath(input.venueId));
    revalidatePath(gatewayPath(input.venueId, row.id));
    return {
      status: "ok",
      message: vendor.secrets === undefined ? `Saved ${row.name}. Its credentials were kept.` : `Saved ${row.name}, with the new credentials.`,
      settingsValues: JSON.parse(JSON.stringify(row.settings)) as unknown,
    };
  });
});

export const updateGatewayTiersAction = staffAction("gateways.manage", tierLimitsFormSchema, async (input, context) => {
  const row = await updateGatewayTierLimits(db, actorOf(context), { venueId: input.venueId, gatewayId: input.gatewayId, limits: tierLimitsFromForm(input) });
  revalidatePath(gatewayPath(input.venueId, row.id));
  return { status: "ok" as const, message: `Saved the access tiers of ${row.name}. New sessions get them; guests already online keep theirs.` };
});

export const updateGatewayWalledGardenAction = staffAction("gateways.manage", walledGardenFormSchema, async (input, context) => {
  const row = await updateGatewayWalledGarden(db, actorOf(context), input);
  revalidatePath(gatewayPath(input.venueId, row.id));
  const count = input.hosts.length;
  return { status: "ok" as const, message: `Saved ${count === 0 ? "no extra hosts" : count === 1 ? "1 extra host" : `${count} extra hosts`} for ${row.name}. Update the controller with the walled garden below.` };
});

export const deleteGatewayAction = staffAction("gateways.manage", gatewayRefSchema, async (input, context) => {
  await deleteGateway(db, actorOf(context), input);
  revalidatePath(venuePath(input.venueId));
  redirect(`${venuePath(input.venueId)}?removed=gateway`);
});
