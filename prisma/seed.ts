// The demo venue a fresh install opens on: `npm start` seeds it into an empty embedded
// database, `npm run db:seed` into DATABASE_URL. Only creates what is missing and never
// changes an existing row, so running it again, or after staff edited the demo, is a no-op.
import { pathToFileURL } from "node:url";

import { hashConsentWording } from "@/lib/consent/wording-hash";
import type { ConsentPurposeKind, PrismaClient } from "@/lib/generated/prisma/client";
import { portalCopyFieldsSchema, type PortalCopyFields } from "@/lib/portal-copy/schemas";

type Locale = "en" | "fr";
type Wording = Record<Locale, string>;

const VENUE = {
  slug: "demo",
  name: "Harbour Hotel",
  timezone: "Europe/London",
  defaultLocale: "en",
  locales: ["en", "fr"] satisfies Locale[],
  countryCode: "GB",
};

const ZONES = [
  { slug: "lobby", name: "Lobby" },
  { slug: "pool", name: "Pool terrace" },
];

const ACCESS_POINTS = [{ mac: "00:11:22:33:44:55", name: "Lobby AP", zone: "lobby" }];

const SPONSORS = [
  { slug: "acme-coffee", name: "Acme Coffee", dpaReference: "DPA-2026-014", dpaSignedAt: "2026-03-02" },
  { slug: "northwind-air", name: "Northwind Air", dpaReference: "DPA-2026-027", dpaSignedAt: "2026-06-18" },
];

function sponsorWording(name: string): Wording {
  return {
    en:
      `Share my name and email with ${name} so they can send me offers. ` +
      `${name} will handle my data under its own privacy notice; I can withdraw this consent at any time.`,
    fr:
      `Partager mon nom et mon adresse e-mail avec ${name} pour recevoir ses offres. ` +
      `${name} traitera mes données selon sa propre politique de confidentialité ; je peux retirer ce consentement à tout moment.`,
  };
}

const PURPOSES: Array<{ key: string; kind: ConsentPurposeKind; position: number; sponsor?: string; wording: Wording }> = [
  {
    key: "terms",
    kind: "TERMS",
    position: 0,
    wording: {
      en: "I have read and accept the Harbour Hotel guest WiFi acceptable-use terms.",
      fr: "J'ai lu et j'accepte les conditions d'utilisation du WiFi invités de Harbour Hotel.",
    },
  },
  {
    key: "marketing",
    kind: "MARKETING",
    position: 1,
    wording: {
      en: "Send me offers and news from Harbour Hotel by email. You can unsubscribe at any time.",
      fr: "Envoyez-moi les offres et actualités de Harbour Hotel par e-mail. Vous pouvez vous désabonner à tout moment.",
    },
  },
  ...SPONSORS.map((sponsor, index) => ({
    key: `sponsor:${sponsor.slug}`,
    kind: "SPONSOR" as const,
    position: 2 + index,
    sponsor: sponsor.slug,
    wording: sponsorWording(sponsor.name),
  })),
];

const PORTAL_COPY: Record<Locale, PortalCopyFields> = {
  en: portalCopyFieldsSchema.parse({
    headline: "Welcome to Harbour Hotel",
    welcomeText:
      "Enjoy **free WiFi** throughout the hotel, from the lobby to the pool terrace.\n\n" +
      "Sign in with your email to get online. It takes a few seconds.",
    emailButtonLabel: "Continue with email",
    loyaltyButtonLabel: "Harbour Rewards member",
    successMessage: "You're online. Enjoy your stay!",
    primaryColor: "#0b5394",
    backgroundColor: "#f4f7fb",
  }),
  fr: portalCopyFieldsSchema.parse({
    headline: "Bienvenue au Harbour Hotel",
    welcomeText:
      "Profitez du **WiFi gratuit** dans tout l'hôtel, du hall à la terrasse de la piscine.\n\n" +
      "Connectez-vous avec votre adresse e-mail : cela ne prend que quelques secondes.",
    emailButtonLabel: "Continuer avec mon e-mail",
    loyaltyButtonLabel: "Membre Harbour Rewards",
    successMessage: "Vous êtes connecté. Bon séjour !",
    primaryColor: "#0b5394",
    backgroundColor: "#f4f7fb",
  }),
};

export async function seedDemoVenue(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      const venue =
        (await tx.venue.findUnique({ where: { slug: VENUE.slug } })) ?? (await tx.venue.create({ data: VENUE }));
      const venueId = venue.id;

      const zoneIds = new Map<string, string>();
      for (const zone of ZONES) {
        const row =
          (await tx.zone.findUnique({ where: { venueId_slug: { venueId, slug: zone.slug } } })) ??
          (await tx.zone.create({ data: { venueId, ...zone } }));
        zoneIds.set(zone.slug, row.id);
      }

      for (const ap of ACCESS_POINTS) {
        const exists = await tx.accessPoint.findUnique({ where: { venueId_mac: { venueId, mac: ap.mac } } });
        if (!exists) {
          await tx.accessPoint.create({ data: { venueId, mac: ap.mac, name: ap.name, zoneId: zoneIds.get(ap.zone) } });
        }
      }

      const sponsorIds = new Map<string, string>();
      for (const sponsor of SPONSORS) {
        const row =
          (await tx.sponsor.findUnique({ where: { venueId_slug: { venueId, slug: sponsor.slug } } })) ??
          (await tx.sponsor.create({
            data: { venueId, ...sponsor, dpaSignedAt: new Date(`${sponsor.dpaSignedAt}T00:00:00Z`) },
          }));
        sponsorIds.set(sponsor.slug, row.id);
      }

      const now = new Date();
      for (const purpose of PURPOSES) {
        const row =
          (await tx.consentPurpose.findUnique({ where: { venueId_key: { venueId, key: purpose.key } } })) ??
          (await tx.consentPurpose.create({
            data: {
              venueId,
              key: purpose.key,
              kind: purpose.kind,
              position: purpose.position,
              sponsorId: purpose.sponsor ? sponsorIds.get(purpose.sponsor) : undefined,
            },
          }));
        for (const locale of VENUE.locales) {
          // Any wording in this locale means staff (or an earlier seed) own it now.
          if (await tx.consentText.findFirst({ where: { purposeId: row.id, locale } })) continue;
          const body = purpose.wording[locale].normalize("NFC");
          await tx.consentText.create({
            data: {
              purposeId: row.id,
              locale,
              version: 1,
              body,
              sha256: hashConsentWording(body),
              status: "PUBLISHED",
              reviewedAt: now,
              publishedAt: now,
            },
          });
        }
      }

      for (const locale of VENUE.locales) {
        if (await tx.portalCopy.findFirst({ where: { venueId, locale } })) continue;
        await tx.portalCopy.create({
          data: { venueId, locale, version: 1, status: "PUBLISHED", fields: PORTAL_COPY[locale], publishedAt: now },
        });
      }
    },
    // PGlite runs in-process as WASM: a cold first transaction can take seconds.
    { maxWait: 10_000, timeout: 60_000 },
  );
}

async function main(): Promise<void> {
  const { env } = await import("@/lib/env");
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set. Point it at the PostgreSQL database to seed, e.g.\n" +
        "  DATABASE_URL=postgresql://user:password@localhost:5432/portico npm run db:seed",
    );
  }
  const { createPrismaClient } = await import("@/lib/db/client");
  const prisma = createPrismaClient(env.DATABASE_URL, 1);
  try {
    await seedDemoVenue(prisma);
    console.log(`Demo venue "${VENUE.name}" is in place: /p/${VENUE.slug}`);
  } finally {
    await prisma.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
