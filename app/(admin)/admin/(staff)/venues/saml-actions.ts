"use server";

import { revalidatePath } from "next/cache";

import { db } from "@/lib/db";
import { generateSamlSpKey, saveSamlIdp, samlIdpFormSchema, samlVenueRefSchema, spEndpoints, spKeyStore } from "@/lib/saml/sp";
import { portalOrigin } from "@/lib/network/staff/gateway-forms";
import { staffAction, type StaffActionContext } from "@/lib/staff/staff-action";

import { samlPath } from "./paths";

const actorOf = ({ actor, ip }: StaffActionContext) => ({ id: actor.id, role: actor.role, ip });

export const saveSamlIdpAction = staffAction("venues.manage", samlIdpFormSchema, async (input, context) => {
  const row = await saveSamlIdp(db, actorOf(context), input);
  revalidatePath(samlPath(input.venueId));
  const certs = row.signingCerts.length;
  return { status: "ok", message: `Saved. ${row.entityId} signs with ${certs} certificate${certs === 1 ? "" : "s"}; website sign-in is ${row.enabled ? "on" : "off"}.` };
});

export const generateSamlSpKeyAction = staffAction("venues.manage", samlVenueRefSchema, async (input, context) => {
  const venue = await db.venue.findUnique({ where: { id: input.venueId }, select: { slug: true } });
  if (!venue) return { status: "error", message: "This venue no longer exists." };
  await generateSamlSpKey(db, actorOf(context), { venueId: input.venueId, commonName: spEndpoints(await portalOrigin(), venue.slug).entityId }, spKeyStore());
  revalidatePath(samlPath(input.venueId));
  return { status: "ok", message: "A new SP key pair was made. Give the website's admin the new SP metadata." };
});
