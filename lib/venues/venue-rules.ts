import { StaffActionError } from "@/lib/staff/staff-action-error";

// The schemas give people these errors on the form; the domain functions check the same
// invariants again, so a caller that skips the schema (a script, a future API route) cannot
// store a venue guests cannot be served in, or half a data-processing agreement.

export function assertDefaultLocaleOffered(venue: { locales: readonly string[]; defaultLocale: string }): void {
  if (!venue.locales.includes(venue.defaultLocale)) {
    throw new StaffActionError("Check the highlighted fields.", { defaultLocale: ["The default language must be one of the languages offered."] });
  }
}

export function assertDpaPaired(sponsor: { dpaReference: string | null; dpaSignedAt: Date | null }): void {
  if (Boolean(sponsor.dpaReference) !== Boolean(sponsor.dpaSignedAt)) {
    const field = sponsor.dpaReference ? "dpaSignedAt" : "dpaReference";
    throw new StaffActionError("Check the highlighted fields.", { [field]: ["A data-processing agreement needs both its reference and its signing date."] });
  }
}
