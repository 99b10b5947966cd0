export type TextDirection = "ltr" | "rtl";

/**
 * Scripts written right to left (ISO 15924) that a guest's language may use: Adlam, Arabic,
 * Hebrew, N'Ko, Hanifi Rohingya, Syriac, Thaana.
 */
const rightToLeftScripts = new Set(["Adlm", "Arab", "Hebr", "Nkoo", "Rohg", "Syrc", "Thaa"]);

type TextInfo = { direction?: string };
/** Intl.Locale text info: getTextInfo() in the current proposal, the textInfo getter in older engines (Node 20). */
type LocaleWithTextInfo = Intl.Locale & { getTextInfo?: () => TextInfo; textInfo?: TextInfo };

function intlDirection(locale: LocaleWithTextInfo): string | undefined {
  return (typeof locale.getTextInfo === "function" ? locale.getTextInfo() : locale.textInfo)?.direction;
}

/**
 * The direction a locale's text runs in, for the page's `dir`: "ar", "he-IL", "ur" → "rtl";
 * "en", "hi", "ar-Latn" → "ltr". An unreadable tag is "ltr".
 */
export function localeDirection(locale: string): TextDirection {
  let direction = directions.get(locale);
  if (!direction) {
    direction = directionOf(locale);
    // Bounded: a page only ever asks for locales a venue offers.
    if (directions.size < 500) directions.set(locale, direction);
  }
  return direction;
}

// Intl.Locale is slow to build next to a page render; each answer is kept.
const directions = new Map<string, TextDirection>();

function directionOf(locale: string): TextDirection {
  let parsed: LocaleWithTextInfo;
  try {
    parsed = new Intl.Locale(locale.replaceAll("_", "-"));
  } catch {
    return "ltr";
  }
  // A script subtag says it outright ("ar-Latn", "pa-Arab"); engines disagree on these.
  if (parsed.script) return rightToLeftScripts.has(parsed.script) ? "rtl" : "ltr";
  if (intlDirection(parsed) === "rtl") return "rtl";
  // Node's text info comes from CLDR layout data and says "ltr" for a language CLDR has no
  // data for (Dhivehi, for one): the language's likely script decides those.
  const likelyScript = parsed.maximize().script;
  return likelyScript && rightToLeftScripts.has(likelyScript) ? "rtl" : "ltr";
}
