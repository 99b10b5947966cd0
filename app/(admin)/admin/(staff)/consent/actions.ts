"use server";

import { redirect } from "next/navigation";

import { db } from "@/lib/db";
import {
  approveConsentText,
  discardConsentDraft,
  draftConsentText,
  publishConsentText,
  redraftRejectedConsentText,
  rejectConsentText,
  submitConsentText,
  updateConsentDraft,
  withdrawConsentText,
} from "@/lib/consent/wording";
import { wordingPagePath } from "@/lib/consent/wording/wording-page";
import {
  approveConsentTextSchema,
  consentTextTransitionSchema,
  draftConsentTextSchema,
  rejectConsentTextSchema,
  updateConsentDraftSchema,
} from "@/lib/consent/wording/schemas";
import type { StaffActionContext } from "@/lib/staff/staff-action";
import { staffAction } from "@/lib/staff/staff-action";

import type { WordingNotice } from "./notices";

// Each step lands back on the purpose+locale page with a notice, so the page is read afresh
// (with JavaScript or without) and shows the version where it now stands.
async function backToWording(text: { id: string; purposeId: string; locale: string }, notice: WordingNotice): Promise<never> {
  redirect(`${await wordingPagePath(db, text, { notice, version: text.id })}#version-${text.id}`);
}

/** After a discard the version is gone: back to the page itself. */
async function backToPage(text: { purposeId: string; locale: string }, notice: WordingNotice): Promise<never> {
  redirect(await wordingPagePath(db, text, { notice }));
}

const actor = ({ actor, ip }: StaffActionContext) => ({ id: actor.id, role: actor.role, ip });

export const draftConsentTextAction = staffAction("consent.draft", draftConsentTextSchema, async (input, context) =>
  backToWording(await draftConsentText(db, actor(context), input), "drafted"),
);

export const updateConsentDraftAction = staffAction("consent.draft", updateConsentDraftSchema, async (input, context) =>
  backToWording(await updateConsentDraft(db, actor(context), input), "updated"),
);

export const submitConsentTextAction = staffAction("consent.draft", consentTextTransitionSchema, async (input, context) =>
  backToWording(await submitConsentText(db, actor(context), input), "submitted"),
);

export const approveConsentTextAction = staffAction("consent.review", approveConsentTextSchema, async (input, context) =>
  backToWording(await approveConsentText(db, actor(context), input), "approved"),
);

export const rejectConsentTextAction = staffAction("consent.review", rejectConsentTextSchema, async (input, context) =>
  backToWording(await rejectConsentText(db, actor(context), input), "rejected"),
);

export const publishConsentTextAction = staffAction("consent.publish", consentTextTransitionSchema, async (input, context) =>
  backToWording(await publishConsentText(db, actor(context), input), "published"),
);

export const redraftRejectedConsentTextAction = staffAction("consent.draft", consentTextTransitionSchema, async (input, context) =>
  backToWording(await redraftRejectedConsentText(db, actor(context), input), "redrafted"),
);

export const discardConsentDraftAction = staffAction("consent.draft", consentTextTransitionSchema, async (input, context) =>
  backToPage(await discardConsentDraft(db, actor(context), input), "discarded"),
);

export const withdrawConsentTextAction = staffAction("consent.publish", consentTextTransitionSchema, async (input, context) =>
  backToWording(await withdrawConsentText(db, actor(context), input), "withdrawn"),
);
