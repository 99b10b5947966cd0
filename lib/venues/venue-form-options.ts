import { interfaceLocales } from "@/lib/i18n/locales";

import { countryCodes, timeZones } from "./schemas";

/** The choices the venue form offers, with names people recognise. */
export function venueFormOptions() {
  const regions = new Intl.DisplayNames(["en"], { type: "region" });
  const languages = new Intl.DisplayNames(["en"], { type: "language" });
  return {
    timeZones: timeZones(),
    countries: countryCodes
      .map((code) => ({ code, name: regions.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, "en")),
    locales: interfaceLocales.map((code) => ({ code, name: languages.of(code) ?? code })),
  };
}
