"use server";

import { notFound, redirect } from "next/navigation";

import type { FormState } from "@/components/portal/form-state";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isDomainError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { completeJourney, readGatewayParams, recordLogin, startJourney } from "@/lib/journeys";

import { portalPath } from "./paths";

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Splash → login: opens the journey with the gateway's parameters, validated. */
export async function startJourneyAction(formData: FormData): Promise<void> {
  const venueSlug = text(formData, "venue");
  const method = text(formData, "method") === "loyalty" ? "loyalty" : "email";
  const context = await getRequestContext();
  const started = await withJourneyErrors(() =>
    startJourney(db, {
      venueSlug,
      gateway: readGatewayParams(new URLSearchParams(text(formData, "gateway").slice(0, 16_384))),
      acceptLanguage: context.acceptLanguage,
      ip: context.ip,
      userAgent: context.userAgent,
      ttlMinutes: env.JOURNEY_TTL_MINUTES,
    }),
  );
  if ("formError" in started) notFound();
  const { token } = started;
  redirect(portalPath(venueSlug, "login", token, { m: method }));
}

/** Login → consent. */
export async function loginAction(_state: FormState, formData: FormData): Promise<FormState> {
  const venueSlug = text(formData, "venue");
  const token = text(formData, "j");
  const fields = ["email", "name", "phone", "birthday"] as const;
  const form = Object.fromEntries(fields.filter((f) => formData.has(f)).map((f) => [f, text(formData, f).slice(0, 1000)]));
  const result = await withJourneyErrors(() =>
    recordLogin(db, { venueSlug, token, method: text(formData, "method") === "LOYALTY" ? "LOYALTY" : "EMAIL", form }),
  );
  if ("formError" in result) return { ...result, values: form };
  if (result.status === "invalid") return { fieldErrors: result.fieldErrors, values: form };
  redirect(portalPath(venueSlug, result.status === "alreadyCompleted" ? "success" : "consent", token));
}

/** Consent → success. */
export async function consentAction(_state: FormState, formData: FormData): Promise<FormState> {
  const venueSlug = text(formData, "venue");
  const token = text(formData, "j");
  const context = await getRequestContext();
  const result = await withJourneyErrors(() =>
    completeJourney(db, {
      venueSlug,
      token,
      submission: {
        termsAccepted: formData.get("termsAccepted") === "yes",
        granted: formData.getAll("granted").slice(0, 51),
        shown: formData.getAll("shown").slice(0, 51),
      },
      ...context,
    }),
  );
  if ("formError" in result) {
    // Wording changed under the guest: show them the new words rather than an error alone.
    if (result.formError === "consentWordingChanged") redirect(portalPath(venueSlug, "consent", token, { notice: "wordingChanged" }));
    return result;
  }
  if (result.status === "invalid") return { fieldErrors: result.fieldErrors };
  redirect(portalPath(venueSlug, "success", token));
}

/** Expected journey problems become a message code for the form; anything else is a bug and propagates. */
async function withJourneyErrors<T>(run: () => Promise<T>): Promise<T | { formError: string }> {
  try {
    return await run();
  } catch (error) {
    if (isDomainError(error)) return { formError: error.code };
    throw error;
  }
}
