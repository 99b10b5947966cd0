// A vendor's own settings and credentials, as a staff form posts them and as the vendor's zod
// schemas check them. Connectors (lib/delivery) and gateways (lib/network) both pair a
// settingsSchema with a secretsSchema, so one reading serves both: the form drawn from the
// schemas, the posted values read back, and the domain's own check before anything is saved.
import type { z } from "zod";

import { DomainError, type FieldError } from "@/lib/errors";

import { describeSchema, fieldErrorsFor, readFormValue, type FormField } from "./connector-form";

/** What a vendor module (a connector, a gateway adapter) says about its configuration. */
export interface VendorSchemas {
  settingsSchema: z.ZodType;
  secretsSchema: z.ZodType;
}

/** A vendor's settings and credentials as its form decoded them (undefined secrets: keep the stored ones). */
export interface VendorInput {
  settings: unknown;
  secrets: unknown;
}

/** The vendor's forms, drawn from its schemas: plain data a client component can render. */
export function describeVendorSchemas(vendor: VendorSchemas): { settings: FormField; secrets: FormField } {
  return { settings: describeSchema(vendor.settingsSchema, "settings"), secrets: describeSchema(vendor.secretsSchema, "secrets") };
}

export type PostedVendor =
  | ({ ok: true } & VendorInput)
  /** `settings` as posted, to fill the form in again beside its errors. */
  | { ok: false; settings: unknown; fieldErrors: Record<string, string[]> };

/**
 * The settings and credentials from a posted form, checked with the vendor's schemas: the
 * values, or field errors under the inputs' names. Credentials left wholly blank come back
 * undefined ("keep the stored ones").
 */
export function readPostedVendor(vendor: VendorSchemas, formData: FormData): PostedVendor {
  const { settings: settingsTree, secrets: secretsTree } = describeVendorSchemas(vendor);
  const settings = readFormValue(settingsTree, formData, "settings", "settings");
  const secrets = readFormValue(secretsTree, formData, "secrets", "secrets");
  const settingsCheck = vendor.settingsSchema.safeParse(settings ?? {});
  const secretsCheck = secrets === undefined ? null : vendor.secretsSchema.safeParse(secrets);
  const fieldErrors = {
    ...(settingsCheck.success ? {} : fieldErrorsFor(settingsTree, settingsCheck.error, "settings")),
    ...(secretsCheck && !secretsCheck.success ? fieldErrorsFor(secretsTree, secretsCheck.error, "secrets") : {}),
  };
  if (Object.keys(fieldErrors).length > 0) return { ok: false, settings, fieldErrors };
  return { ok: true, settings, secrets };
}

/** zod's issues on a vendor's schema as the domain's field errors, under `prefix` ("settings", "secrets"). */
function vendorFieldErrors(error: z.ZodError, prefix: string): Record<string, FieldError[]> {
  const fieldErrors: Record<string, FieldError[]> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].join(".");
    (fieldErrors[key] ??= []).push({ code: "schemaRule", params: { message: issue.message } });
  }
  return fieldErrors;
}

/**
 * The domain's check of a vendor's settings and credentials, whoever called it (a form, a
 * script): the parsed values, or a refusal with field errors. `missingSecrets` is the error
 * for credentials not given when they are needed (null: keeping the stored ones is fine).
 */
export function parseVendorInput(vendor: VendorSchemas, input: VendorInput, missingSecrets: FieldError | null): { settings: unknown; secrets: unknown } {
  const settings = vendor.settingsSchema.safeParse(input.settings ?? {});
  const secrets = input.secrets === undefined ? null : vendor.secretsSchema.safeParse(input.secrets);
  const fieldErrors: Record<string, readonly FieldError[]> = {
    ...(settings.success ? {} : vendorFieldErrors(settings.error, "settings")),
    ...(secrets && !secrets.success ? vendorFieldErrors(secrets.error, "secrets") : {}),
  };
  if (!secrets && missingSecrets) fieldErrors.secrets = [missingSecrets];
  if (Object.keys(fieldErrors).length > 0) throw new DomainError("invalidFields", { fieldErrors });
  return { settings: settings.data, secrets: secrets?.success ? secrets.data : undefined };
}
