import { describe, expect, it } from "vitest";

import { localeDirection } from "./direction";

describe("localeDirection", () => {
  it("runs Arabic, Hebrew, Persian and Urdu right to left, with or without a region", () => {
    for (const locale of ["ar", "ar-EG", "ar-SA", "he", "he-IL", "iw", "fa", "fa-IR", "ur", "ps", "ckb", "yi", "ar-u-nu-latn"]) {
      expect(localeDirection(locale), locale).toBe("rtl");
    }
  });

  it("runs every other interface language left to right", () => {
    for (const locale of ["en", "en-GB", "fr", "fr-CA", "hi", "hi-IN", "es", "es-419", "de", "de-AT", "ja", "zh-Hant"]) {
      expect(localeDirection(locale), locale).toBe("ltr");
    }
  });

  it("follows an explicit script over the language's usual one", () => {
    expect(localeDirection("ar-Latn")).toBe("ltr");
    expect(localeDirection("sd-Deva")).toBe("ltr");
    expect(localeDirection("pa-Arab")).toBe("rtl");
    expect(localeDirection("az-Arab")).toBe("rtl");
  });

  it("knows right-to-left languages the engine has no layout data for", () => {
    // Dhivehi is written in Thaana; Node 20's Intl.Locale textInfo reports it "ltr".
    expect(localeDirection("dv")).toBe("rtl");
  });

  it("reads a tag in any case or with underscores, and treats nonsense as left to right", () => {
    expect(localeDirection("AR")).toBe("rtl");
    expect(localeDirection("ar_EG")).toBe("rtl");
    expect(localeDirection("")).toBe("ltr");
    expect(localeDirection("not a locale")).toBe("ltr");
  });
});
