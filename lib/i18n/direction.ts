/** Writing direction of a locale, for the page's `dir`. */
export function localeDirection(locale: string): "ltr" | "rtl" {
  try {
    const info = (new Intl.Locale(locale) as Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } });
    const direction = info.getTextInfo?.().direction ?? info.textInfo?.direction;
    if (direction === "rtl" || direction === "ltr") return direction;
  } catch {
    // A malformed tag: fall through to the list.
  }
  return ["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"].includes(locale.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";
}
