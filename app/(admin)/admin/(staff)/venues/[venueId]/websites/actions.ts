"use server";

import { revalidatePath } from "next/cache";

import { db } from "@/lib/db";
import { activateNextIdpKey, generateIdpKey, registerServiceProvider, removeServiceProvider, updateServiceProvider } from "@/lib/saml/idp";
import { serviceProviderRefSchema, serviceProviderSchema, serviceProviderUpdateSchema, venueRefSchema } from "@/lib/saml/idp/schemas";
import { staffAction, type StaffActionContext } from "@/lib/staff/staff-action";

import { websitePath, websitesPath } from "../../paths";

const actorOf = ({ actor, ip }: StaffActionContext) => ({ id: actor.id, role: actor.role, ip });

export const generateIdpKeyAction = staffAction("samlIdp.manage", venueRefSchema, async (input, context) => {
  const key = await generateIdpKey(db, actorOf(context), input.venueId);
  revalidatePath(websitesPath(input.venueId));
  return {
    status: "ok",
    message:
      key.status === "ACTIVE"
        ? "Signing key generated: it signs from now on and is in the metadata."
        : "Next key generated and published in the metadata. Activate it once every website trusts it.",
  };
});

export const activateNextIdpKeyAction = staffAction("samlIdp.manage", venueRefSchema, async (input, context) => {
  await activateNextIdpKey(db, actorOf(context), input.venueId);
  revalidatePath(websitesPath(input.venueId));
  return { status: "ok", message: "The next key signs from now on; the old one is retired and no longer published." };
});

export const registerWebsiteAction = staffAction("samlIdp.manage", serviceProviderSchema, async (input, context) => {
  const website = await registerServiceProvider(db, actorOf(context), input);
  revalidatePath(websitesPath(input.venueId));
  return { status: "ok", message: `Website “${website.name}” registered.` };
});

export const updateWebsiteAction = staffAction("samlIdp.manage", serviceProviderUpdateSchema, async (input, context) => {
  const website = await updateServiceProvider(db, actorOf(context), input);
  revalidatePath(websitesPath(input.venueId));
  revalidatePath(websitePath(input.venueId, website.id));
  return { status: "ok", message: `Website “${website.name}” saved: the next sign-in uses these settings.` };
});

export const removeWebsiteAction = staffAction("samlIdp.manage", serviceProviderRefSchema, async (input, context) => {
  await removeServiceProvider(db, actorOf(context), input);
  revalidatePath(websitesPath(input.venueId));
  return { status: "ok", message: "Website removed: it gets no more responses." };
});
