// The guest portal's interface text. Guest pages are rendered to HTML by route handlers, so
// they translate with use-intl's framework-free core rather than next-intl's request context.
import { createTranslator } from "use-intl/core";

import { interfaceLocaleFor, type InterfaceLocale } from "./locales";
import ar from "./messages/ar.json";
import de from "./messages/de.json";
import en from "./messages/en.json";
import es from "./messages/es.json";
import fr from "./messages/fr.json";
import hi from "./messages/hi.json";

const catalogues = { en, fr, hi, es, de, ar } satisfies Record<InterfaceLocale, typeof en>;

function translatorFor(locale: InterfaceLocale) {
  return createTranslator({ locale, messages: catalogues[locale], namespace: "portal" });
}

export type PortalTranslator = ReturnType<typeof translatorFor>;

const translators = new Map<InterfaceLocale, PortalTranslator>();

/** The translator for a content locale ("fr-CA" → French interface; unknown → English). */
export function portalTranslator(contentLocale: string): PortalTranslator {
  const locale = interfaceLocaleFor(contentLocale);
  let translator = translators.get(locale);
  if (!translator) {
    translator = translatorFor(locale);
    translators.set(locale, translator);
  }
  return translator;
}
