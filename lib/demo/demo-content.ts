// What the demo venue says to guests, one file per language in content/: the consent wording
// (version 1 of each purpose) and the portal copy. Each locale's wording says the same thing
// as the English, so a guest consents to the same scope whatever language they read it in.
// The en and fr texts are frozen: published wording is hashed, and tests read these words.
import type { PortalCopyFieldsInput } from "@/lib/portal-copy/schemas";

import { ar } from "./content/ar";
import { de } from "./content/de";
import { en } from "./content/en";
import { es } from "./content/es";
import { fr } from "./content/fr";
import { hi } from "./content/hi";

/** The marketer-editable words of the portal; the look (colours) is the same in every locale. */
export type DemoPortalText = Pick<PortalCopyFieldsInput, "headline" | "welcomeText" | "emailButtonLabel" | "loyaltyButtonLabel" | "successMessage">;

export type DemoContent = {
  /** The required box: the acceptable-use terms. */
  terms: string;
  /** The venue's own email marketing. */
  marketing: string;
  /** Passing name and email on to one sponsor, who is named in the text. */
  sponsor: (sponsorName: string) => string;
  portal: DemoPortalText;
};

/** In the order the demo venue lists its locales; the first is its default. */
export const demoContent = { en, fr, hi, es, de, ar } satisfies Record<string, DemoContent>;

export type DemoLocale = keyof typeof demoContent;
export const demoLocales = Object.keys(demoContent) as DemoLocale[];

export function isDemoLocale(locale: string): locale is DemoLocale {
  return Object.hasOwn(demoContent, locale);
}
