// The vouchers' inputs, shared by the staff forms (zodResolver), their server actions and the
// guest's code form.
import { z } from "zod";

import { fromWallClock } from "@/lib/time/wall-clock";

import { codeLengthLimits, maxGuessChance, minimumCodeLength } from "./brute-force";

export const batchLimits = { maxCodes: 500, maxMinutes: 525_600, maxDataMb: 1_000_000, maxDevices: 50, maxDaysAhead: 366 } as const;

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `Enter ${label}.` })
    .int("Enter a whole number.")
    .min(min, `At least ${min.toLocaleString("en")}.`)
    .max(max, `At most ${max.toLocaleString("en")}.`);

/** A `datetime-local` value (YYYY-MM-DDTHH:MM): the venue's local time. */
const wallClock = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "Enter the date and time the codes stop working.");

/**
 * A new batch. Its expiry is typed on the venue's clock (the front desk's, and the one printed on
 * the cards), so the schema knows the venues the form offers and their zones: the page builds it
 * for the form from the same list the server action builds it from.
 */
export const newVoucherBatchSchema = (timeZones: Readonly<Record<string, string>>) =>
  z
    .object({
      venueId: z.uuid({ message: "Choose a venue from the list." }),
      label: z.string().trim().min(1, "Give the batch a label, e.g. Conference 12 May.").max(200, "Use at most 200 characters."),
      count: whole("how many codes to make", 1, batchLimits.maxCodes),
      codeLength: whole("the number of digits", codeLengthLimits.min, codeLengthLimits.max),
      accessMinutes: whole("the minutes of access", 1, batchLimits.maxMinutes),
      /** "" for no data allowance beyond the gateway's own. */
      dataMb: z.union([z.literal(""), whole("megabytes", 1, batchLimits.maxDataMb)]).optional().transform((v) => (v === "" || v === undefined ? null : v)),
      maxDevices: whole("how many devices one code may connect", 1, batchLimits.maxDevices),
      expiresAt: wallClock,
    })
    .transform((input, ctx) => {
      const timeZone = timeZones[input.venueId];
      if (!timeZone) {
        ctx.addIssue({ code: "custom", path: ["venueId"], message: "Choose a venue from the list." });
        return z.NEVER;
      }
      const expiresAt = fromWallClock(input.expiresAt, timeZone);
      if (!expiresAt) {
        ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Enter a real date and time." });
        return z.NEVER;
      }
      return { ...input, expiresAt };
    })
    .superRefine((input, ctx) => {
      const hours = (input.expiresAt.getTime() - Date.now()) / 3_600_000;
      if (hours <= 0) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "Choose a time in the future." });
      else if (hours > batchLimits.maxDaysAhead * 24) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: `At most ${batchLimits.maxDaysAhead} days ahead.` });
      else {
        const needed = minimumCodeLength(input.count, hours);
        if (input.codeLength < needed) {
          ctx.addIssue({
            code: "custom",
            path: ["codeLength"],
            message:
              needed > codeLengthLimits.max
                ? "Too many codes for that long: make fewer codes or let them expire sooner."
                : `${input.count} codes live that long need at least ${needed} digits to keep guessing under ${maxGuessChance * 100}%.`,
          });
        }
      }
    });

/** Venue id → time zone, what newVoucherBatchSchema reads expiries with. */
export const voucherTimeZones = (venues: readonly { id: string; timezone: string }[]): Record<string, string> =>
  Object.fromEntries(venues.map((v) => [v.id, v.timezone]));

export type NewVoucherBatchInput = z.infer<ReturnType<typeof newVoucherBatchSchema>>;

export const voucherBatchIdSchema = z.object({ batchId: z.uuid({ message: "Unknown batch." }) });

/** Spaces and dashes are how people copy codes from a card; only digits count. */
const codeDigits = (max: number) =>
  z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().min(1, "codeRequired").max(max, "codeInvalid").regex(/^\d+$/, "codeInvalid"));

/** The guest's code form; its messages are translation keys (portal.errors.*). */
export const voucherCodeSchema = z.object({ code: codeDigits(codeLengthLimits.max + 8) });

export const revokeVoucherCodeSchema = z.object({
  venueId: z.uuid({ message: "Choose a venue from the list." }),
  code: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{8,12}$/, "Type the code as printed: 8 to 12 digits.")),
});

export const venueVouchersSchema = z.object({
  venueId: z.uuid({ message: "Choose a venue from the list." }),
  enabled: z.enum(["on", "off"], { message: "Choose on or off." }),
});
