// next-intl's request configuration. URLs carry no locale prefix: the interface language
// comes from the page (a venue's negotiated locale, passed explicitly) or, failing that,
// from the browser's Accept-Language.
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";

import { fallbackInterfaceLocale, interfaceLocaleFor, interfaceLocales, negotiateLocale } from "./locales";

export default getRequestConfig(async ({ locale: explicit, requestLocale }) => {
  const requested = explicit ?? (await requestLocale);
  const locale = requested
    ? interfaceLocaleFor(requested)
    : interfaceLocaleFor(negotiateLocale((await headers()).get("accept-language"), interfaceLocales, fallbackInterfaceLocale));
  return { locale, messages: (await import(`./messages/${locale}.json`)).default };
});
