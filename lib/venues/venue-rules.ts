import { DomainError } from "@/lib/errors";

// The schemas give people these errors on the form; the domain functions check the same
// invariants again, so a caller that skips the schema (a script, a future API route) cannot
// store a venue guests cannot be served in, or half a data-processing agreement.

export function assertDefaultLocaleOffered(venue: { locales: readonly string[]; defaultLocale: string }): void {
  if (!venue.locales.includes(venue.defaultLocale)) {
    throw new DomainError("invalidFields", { fieldErrors: { defaultLocale: ["defaultLocaleNotOffered"] } });
  }
}

export function assertDpaPaired(sponsor: { dpaReference: string | null; dpaSignedAt: Date | null }): void {
  if (Boolean(sponsor.dpaReference) !== Boolean(sponsor.dpaSignedAt)) {
    const field = sponsor.dpaReference ? "dpaSignedAt" : "dpaReference";
    throw new DomainError("invalidFields", { fieldErrors: { [field]: ["dpaIncomplete"] } });
  }
}
