// What each way of signing in earns at one gateway beyond its minutes: download and upload
// bandwidth and a data allowance, stored on the gateway (`gateway.tier_limits`) and set by
// admins on its page. The minutes themselves are the journey's (lib/journeys/access-policy.ts),
// so the success page and the gateway always agree on them.
import { z } from "zod";

import type { LoginMethod } from "@/lib/generated/prisma/enums";

import type { TierLimits } from "./access-tiers";

export const tierMethods = ["EMAIL", "LOYALTY", "SAML", "VOUCHER"] as const satisfies readonly LoginMethod[];

export const tierMethodLabels: Record<(typeof tierMethods)[number], string> = {
  EMAIL: "Email quick access",
  LOYALTY: "Loyalty members",
  SAML: "Venue website sign-in (SAML)",
  // Bandwidth only in practice: a voucher's own data allowance wins over quotaMb here (lib/vouchers).
  VOUCHER: "Access codes (vouchers)",
};

/** 1 kbit/s to 10 Gbit/s; up to 1 TB. */
const limitsSchema = z
  .object({
    downKbps: z.number().int().min(1).max(10_000_000).optional(),
    upKbps: z.number().int().min(1).max(10_000_000).optional(),
    quotaMb: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

/** The stored shape; a row that does not match is read as no limits (and the page says so). */
export const storedTierLimitsSchema = z.partialRecord(z.enum(tierMethods), limitsSchema);

export function readStoredTierLimits(value: unknown): TierLimits {
  const parsed = storedTierLimitsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

const fields = ["downKbps", "upKbps", "quotaMb"] as const;
const maxOf = { downKbps: 10_000_000, upKbps: 10_000_000, quotaMb: 1_000_000 } as const;

/** Form field name for one limit of one method, e.g. `EMAIL_downKbps`. */
export const tierFieldName = (method: (typeof tierMethods)[number], field: (typeof fields)[number]) => `${method}_${field}`;

/** A blank field is no limit; otherwise a whole number in range. */
const limitField = (max: number) =>
  z
    .string()
    .trim()
    .max(12, "Enter a whole number.")
    .optional()
    .refine((text) => !text || (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= max), `Leave blank for no limit, or enter a whole number from 1 to ${max.toLocaleString("en")}.`);

export const tierLimitsFormSchema = z.object({
  venueId: z.uuid({ message: "Unknown record." }),
  gatewayId: z.uuid({ message: "Unknown record." }),
  ...Object.fromEntries(tierMethods.flatMap((method) => fields.map((field) => [tierFieldName(method, field), limitField(maxOf[field])]))),
}) as unknown as z.ZodType<{ venueId: string; gatewayId: string } & Record<string, string | undefined>, { venueId: string; gatewayId: string } & Record<string, string | undefined>>;
export type TierLimitsFormInput = z.infer<typeof tierLimitsFormSchema>;

/** The form's fields as stored limits: methods without any limit are left out. */
export function tierLimitsFromForm(input: Record<string, string | undefined>): TierLimits {
  const limits: TierLimits = {};
  for (const method of tierMethods) {
    const entry: Record<string, number> = {};
    for (const field of fields) {
      const text = input[tierFieldName(method, field)]?.trim();
      if (text) entry[field] = Number(text);
    }
    if (Object.keys(entry).length > 0) limits[method] = entry;
  }
  return storedTierLimitsSchema.parse(limits);
}

/** Stored limits as the form's default values. */
export function tierLimitsFormValues(limits: TierLimits): Record<string, string> {
  const values: Record<string, string> = {};
  for (const method of tierMethods) for (const field of fields) values[tierFieldName(method, field)] = limits[method]?.[field]?.toString() ?? "";
  return values;
}
