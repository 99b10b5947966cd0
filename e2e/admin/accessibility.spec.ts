// Every staff page, as the role that uses it and with real content on it (a venue with a
// sponsor, copy in draft, wording in review with its diff, a guest with history, audit
// entries), passes axe's WCAG 2.1 AA checks.
import { draftConsentText, submitConsentText } from "@/lib/consent/wording";
import { savePortalCopyDraft } from "@/lib/portal-copy";
import { connectGuest } from "@/tests/guests/connect-guest";
import { createVenueFixture } from "@/tests/support/venue-fixture";

import { expectNoAxeViolations } from "../support/axe";
import { expect, test } from "../support/staff";

test("the staff area passes axe's WCAG 2.1 AA checks, page by page", async ({ page, signInAs, db, uniqueEmail }) => {
  // Twenty-odd pages, each rendered and checked by axe: minutes when other work shares the two cores.
  test.setTimeout(300_000);
  await page.goto("/admin/sign-in");
  await expectNoAxeViolations(page, "sign-in");

  const admin = await signInAs(page, "ADMIN");
  const { venue, purposes } = await createVenueFixture(db, { sponsors: [{ slug: "acme", name: "Acme Coffee", withDpa: false }] });
  const marketing = purposes.find((p) => p.key === "marketing")!;
  const draft = await draftConsentText(db, admin, { purposeId: marketing.id, locale: "en", body: "Offers from us, by email, now and then." });
  await submitConsentText(db, admin, { consentTextId: draft.id });
  await savePortalCopyDraft(db, admin, { venueId: venue.id, locale: "en", fields: { headline: "Welcome", welcomeText: "Hello **there**", primaryColor: "#1a5fb4", backgroundColor: "#ffffff" } });
  const email = uniqueEmail("axe-guest");
  await connectGuest(db, venue.slug, email, { grant: ["marketing"] });
  const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: email } });

  const pages: [string, string][] = [
    ["overview", "/admin"],
    ["venues", "/admin/venues"],
    ["new venue", "/admin/venues/new"],
    ["venue", `/admin/venues/${venue.id}`],
    ["portal copy", "/admin/copy"],
    ["copy editor", `/admin/copy/${venue.slug}/en`],
    ["consent wording", "/admin/consent"],
    ["needs review", "/admin/consent?view=review"],
    ["venue wording", `/admin/consent/${venue.slug}`],
    ["wording with a diff", `/admin/consent/${venue.slug}/${marketing.id}/en`],
    ["guests", "/admin/guests"],
    ["guest search", `/admin/guests?q=${encodeURIComponent(email)}`],
    ["guest profile", `/admin/guests/${guest.id}`],
    ["audit log", "/admin/audit"],
    ["staff", "/admin/staff"],
    ["your account", "/admin/account"],
    ["API keys", "/admin/api-keys"],
    ["API reference", "/admin/api-keys/reference"],
    ["record of processing", "/admin/processing"],
  ];
  for (const [name, path] of pages) {
    const response = await page.goto(path);
    expect(response?.status(), `${name} (${path})`).toBe(200);
    await expectNoAxeViolations(page, `${name} (${path})`);
  }
});
