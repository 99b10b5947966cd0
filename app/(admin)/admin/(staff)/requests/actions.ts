"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { db } from "@/lib/db";
import { applyRectification, createRightsRequest, extendRightsRequest, fulfilErasureRequest, fulfilObjectionRequest, moveRightsRequest } from "@/lib/rights/requests";
import {
  createRightsRequestSchema,
  extendRightsRequestSchema,
  fulfilErasureRequestSchema,
  fulfilObjectionRequestSchema,
  fulfilRectificationRequestSchema,
  moveRightsRequestSchema,
} from "@/lib/rights/requests/schemas";
import { staffAction } from "@/lib/staff/staff-action";

const requestPath = (id: string) => `/admin/requests/${id}`;

/** Enters a request a guest sent in, then opens it. */
export const createRightsRequestAction = staffAction("requests.manage", createRightsRequestSchema, async (input, { actor, ip }) => {
  const request = await createRightsRequest(db, { id: actor.id, role: actor.role, ip }, input);
  revalidatePath("/admin/requests");
  redirect(`${requestPath(request.id)}?created=1`);
});

export const moveRightsRequestAction = staffAction("requests.manage", moveRightsRequestSchema, async (input, { actor, ip }) => {
  await moveRightsRequest(db, { id: actor.id, role: actor.role, ip }, input);
  revalidatePath(requestPath(input.requestId));
  redirect(requestPath(input.requestId));
});

export const extendRightsRequestAction = staffAction("requests.manage", extendRightsRequestSchema, async (input, { actor, ip }) => {
  await extendRightsRequest(db, { id: actor.id, role: actor.role, ip }, input);
  revalidatePath(requestPath(input.requestId));
  redirect(requestPath(input.requestId));
});

/** Erases the request's guest and marks it done, in one commit (lib/rights/requests). */
export const fulfilErasureRequestAction = staffAction("requests.manage", fulfilErasureRequestSchema, async (input, { actor, ip }) => {
  await fulfilErasureRequest(db, { id: actor.id, role: actor.role, ip }, input);
  revalidatePath(requestPath(input.requestId));
  redirect(`${requestPath(input.requestId)}?erased=1`);
});

/** Upholds an objection: every consent the guest gave withdrawn, recipients told, the request done. */
export const fulfilObjectionRequestAction = staffAction("requests.manage", fulfilObjectionRequestSchema, async (input, { actor, ip }) => {
  await fulfilObjectionRequest(db, { id: actor.id, role: actor.role, ip }, input);
  revalidatePath(requestPath(input.requestId));
  redirect(requestPath(input.requestId));
});

/** Corrects the guest's details, sends the corrected record to each system that has them, and marks the request done. */
export const fulfilRectificationRequestAction = staffAction("requests.manage", fulfilRectificationRequestSchema, async (input, { actor, ip }) => {
  await applyRectification(db, { id: actor.id, role: actor.role, ip }, input);
  revalidatePath(requestPath(input.requestId));
  redirect(requestPath(input.requestId));
});
