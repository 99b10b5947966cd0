import { match } from "@formatjs/intl-localematcher";
import { LRUCache } from "lru-cache";
import Negotiator from "negotiator";

/** Locales the portal's own interface text is translated into (lib/i18n/messages). */
export const interfaceLocales = ["en", "fr", "hi", "es", "de", "ar"] as const;
export type InterfaceLocale = (typeof interfaceLocales)[number];
export const fallbackInterfaceLocale: InterfaceLocale = "en";

// Matching is slow next to everything else a guest page does, and a crowd's phones send a
// handful of distinct headers: the answer is remembered per header and set of locales.
const negotiated = new LRUCache<string, string>({ max: 2000 });

/**
 * The locale to show a guest: the best match between their browser's Accept-Language and
 * the venue's locales, else the venue default.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined, available: readonly string[], defaultLocale: string): string {
  if (available.length === 0) return defaultLocale;
  const key = `${defaultLocale}|${available.join(",")}|${acceptLanguage ?? ""}`;
  let locale = negotiated.get(key);
  if (locale === undefined) {
    locale = matchLocale(acceptLanguage, available, defaultLocale);
    negotiated.set(key, locale);
  }
  return locale;
}

function matchLocale(acceptLanguage: string | null | undefined, available: readonly string[], defaultLocale: string): string {
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } }).languages();
  try {
    return match(requested.filter((tag) => tag !== "*"), [...available], defaultLocale);
  } catch {
    // A malformed tag in the header must not take the page down.
    return defaultLocale;
  }
}

/** The interface language for a content locale: "fr-CA" → "fr"; unknown → English. */
export function interfaceLocaleFor(locale: string): InterfaceLocale {
  const base = locale.split("-")[0]?.toLowerCase();
  return (interfaceLocales as readonly string[]).includes(base ?? "") ? (base as InterfaceLocale) : fallbackInterfaceLocale;
}
