"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { db } from "@/lib/db";
import { staffAction, type StaffActionContext } from "@/lib/staff/staff-action";
import { saveWelcomeBackSetting } from "@/lib/welcome-back/save-setting";
import { welcomeBackSettingSchema } from "@/lib/welcome-back/schemas";
import {
  createAccessPoint,
  createSponsor,
  createVenue,
  createZone,
  deleteAccessPoint,
  deleteZone,
  updateAccessPoint,
  updateSponsor,
  updateVenue,
  updateZone,
  type VenueActor,
} from "@/lib/venues";
import {
  accessPointDeleteSchema,
  accessPointSchema,
  accessPointUpdateSchema,
  sponsorSchema,
  sponsorUpdateSchema,
  venueSchema,
  venueUpdateSchema,
  zoneDeleteSchema,
  zoneSchema,
  zoneUpdateSchema,
} from "@/lib/venues/schemas";

import { venuePath } from "./paths";

function actorOf({ actor, ip }: StaffActionContext): VenueActor {
  return { id: actor.id, role: actor.role, ip };
}

function refresh(venueId?: string) {
  revalidatePath("/admin/venues");
  if (venueId) revalidatePath(venuePath(venueId));
}

export const createVenueAction = staffAction("venues.manage", venueSchema, async (input, context) => {
  const venue = await createVenue(db, actorOf(context), input);
  refresh();
  redirect(`${venuePath(venue.id)}?created=1`);
});

export const updateVenueAction = staffAction("venues.manage", venueUpdateSchema, async (input, context) => {
  const venue = await updateVenue(db, actorOf(context), input);
  refresh(venue.id);
  return { status: "ok", message: `Saved ${venue.name}.` };
});

export const createZoneAction = staffAction("venues.manage", zoneSchema, async (input, context) => {
  const zone = await createZone(db, actorOf(context), input);
  refresh(input.venueId);
  return { status: "ok", message: `Zone “${zone.name}” added.` };
});

export const updateZoneAction = staffAction("venues.manage", zoneUpdateSchema, async (input, context) => {
  const zone = await updateZone(db, actorOf(context), input);
  refresh(input.venueId);
  return { status: "ok", message: `Saved zone “${zone.name}”.` };
});

export const deleteZoneAction = staffAction("venues.manage", zoneDeleteSchema, async (input, context) => {
  await deleteZone(db, actorOf(context), input);
  refresh(input.venueId);
  redirect(`${venuePath(input.venueId)}?removed=zone`);
});

export const createAccessPointAction = staffAction("venues.manage", accessPointSchema, async (input, context) => {
  const accessPoint = await createAccessPoint(db, actorOf(context), input);
  refresh(input.venueId);
  return { status: "ok", message: `Access point ${accessPoint.mac} added.` };
});

export const updateAccessPointAction = staffAction("venues.manage", accessPointUpdateSchema, async (input, context) => {
  const accessPoint = await updateAccessPoint(db, actorOf(context), input);
  refresh(input.venueId);
  return { status: "ok", message: `Saved access point ${accessPoint.mac}.` };
});

export const deleteAccessPointAction = staffAction("venues.manage", accessPointDeleteSchema, async (input, context) => {
  await deleteAccessPoint(db, actorOf(context), input);
  refresh(input.venueId);
  redirect(`${venuePath(input.venueId)}?removed=access-point`);
});

export const createSponsorAction = staffAction("venues.manage", sponsorSchema, async (input, context) => {
  const sponsor = await createSponsor(db, actorOf(context), input);
  refresh(input.venueId);
  return { status: "ok", message: `Sponsor “${sponsor.name}” added.` };
});

export const updateSponsorAction = staffAction("venues.manage", sponsorUpdateSchema, async (input, context) => {
  const sponsor = await updateSponsor(db, actorOf(context), input);
  refresh(input.venueId);
  return { status: "ok", message: `Saved sponsor “${sponsor.name}”.` };
});

/** Off / one tap / zero taps for returning devices (docs/NETWORK.md "Welcome back"). */
export const saveWelcomeBackAction = staffAction("venues.manage", welcomeBackSettingSchema, async (input, { actor, ip }) => {
  await saveWelcomeBackSetting(db, { id: actor.id, role: actor.role, ip }, input);
  revalidatePath(`/admin/venues/${input.venueId}`);
  return { status: "ok", message: "Welcome back saved." };
});
