import { negotiateLocale } from "./locales";

/**
 * The locale a guest sees at a venue: the one they picked on the page's language switcher
 * when the venue offers it, else the best match for their browser's Accept-Language, else
 * the venue's default.
 */
export function guestLocale(
  venue: { locales: readonly string[]; defaultLocale: string },
  choice: { requested?: string | null; acceptLanguage?: string | null },
): string {
  const requested = choice.requested?.trim();
  if (requested && venue.locales.includes(requested)) return requested;
  return negotiateLocale(choice.acceptLanguage, venue.locales, venue.defaultLocale);
}
