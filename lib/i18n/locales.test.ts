import { describe, expect, it } from "vitest";

import { interfaceLocaleFor, negotiateLocale } from "./locales";

describe("negotiateLocale", () => {
  const venue = ["en", "fr"];

  it("picks the browser's preferred locale when the venue offers it", () => {
    expect(negotiateLocale("fr-FR,fr;q=0.9,en;q=0.5", venue, "en")).toBe("fr");
  });

  it("falls back to the venue default for a language it does not offer", () => {
    expect(negotiateLocale("de-DE,de;q=0.9", venue, "en")).toBe("en");
  });

  it("honours quality values, not just order", () => {
    expect(negotiateLocale("de;q=1, en;q=0.4, fr;q=0.8", venue, "en")).toBe("fr");
  });

  it("survives a missing or malformed header", () => {
    expect(negotiateLocale(null, venue, "fr")).toBe("fr");
    expect(negotiateLocale(";;;,,,q=abc", venue, "en")).toBe("en");
  });
});

describe("interfaceLocaleFor", () => {
  it("maps regional content locales to a translated interface", () => {
    expect(interfaceLocaleFor("fr-CA")).toBe("fr");
    expect(interfaceLocaleFor("hi-IN")).toBe("hi");
    expect(interfaceLocaleFor("es-419")).toBe("es");
    expect(interfaceLocaleFor("de-AT")).toBe("de");
    expect(interfaceLocaleFor("ar-EG")).toBe("ar");
    expect(interfaceLocaleFor("ja")).toBe("en");
  });
});
