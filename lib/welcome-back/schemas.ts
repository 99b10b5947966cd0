// A venue's welcome-back setting as the staff form and the domain function read it.
import { z } from "zod";

export const welcomeBackModes = ["OFF", "ONE_TAP", "ZERO_TAP"] as const;

export const welcomeBackSettingSchema = z.object({
  venueId: z.uuid("Unknown venue."),
  mode: z.enum(welcomeBackModes, "Choose off, one tap or zero taps."),
  zeroTapDays: z
    .union([z.number(), z.string()])
    .transform((value) => Number(value))
    .pipe(z.number("Enter a number of days.").int("Enter whole days.").min(1, "At least 1 day.").max(90, "At most 90 days.")),
});
export type WelcomeBackSettingInput = z.input<typeof welcomeBackSettingSchema>;
