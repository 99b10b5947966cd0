import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { StaffRole } from "@/lib/generated/prisma/enums";
import { findCopyVersion, getPublishedPortalCopy, listCopyOverview, loadCopyEditor, publishPortalCopy, rollBackPortalCopy, savePortalCopyDraft, type CopyActor } from "@/lib/portal-copy";
import { DomainError } from "@/lib/errors";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { inStaffWords } from "../support/staff-refusal";
import { createVenueFixture } from "../support/venue-fixture";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

async function staff(role: StaffRole): Promise<CopyActor> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@staff.example.com`;
  return testDb.prisma.staffUser.create({ data: { email, role }, select: { id: true, role: true } });
}

const fields = (headline: string) => ({ headline, welcomeText: "Hello **guests**", primaryColor: "#112233", backgroundColor: "#ffffff" });

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function counts(venueId: string) {
  const db = testDb.prisma;
  return {
    copies: await db.portalCopy.count({ where: { venueId } }),
    assets: await db.asset.count({ where: { venueId } }),
    audit: await db.auditEntry.count(),
  };
}

describe("drafts", () => {
  it("saving twice updates the one draft in place, as the next version, and audits both saves", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    const first = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("First"), ip: "10.1.1.1" });
    expect(first).toMatchObject({ version: 1, status: "DRAFT" });
    const second = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Second") });
    expect(second.id).toBe(first.id);
    expect(second.version).toBe(1);
    expect(await testDb.prisma.portalCopy.count({ where: { venueId: venue.id, status: "DRAFT" } })).toBe(1);

    const entries = await testDb.prisma.auditEntry.findMany({ where: { entityId: first.id }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["portal_copy.draft_saved", "portal_copy.draft_saved"]);
    expect(entries[0]).toMatchObject({ actorId: marketer.id, entityType: "portal_copy", before: null, ip: "10.1.1.1" });
    expect(entries[1]!.before).toMatchObject({ fields: { headline: "First" } });
    expect(entries[1]!.after).toMatchObject({ fields: { headline: "Second" }, status: "DRAFT", version: 1 });
  });

  it("a new draft after a publish takes the next version number", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("One") });
    await publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "en" });
    const next = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Two") });
    expect(next).toMatchObject({ version: 2, status: "DRAFT" });
  });

  it("refuses a locale the venue does not offer and invalid fields, writing nothing", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    const before = await counts(venue.id);
    await expect(inStaffWords(savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "de", fields: fields("Hallo") }))).rejects.toThrow(/does not offer/);
    await expect(
      inStaffWords(savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: { ...fields("x"), primaryColor: "red" } })),
    ).rejects.toMatchObject({ fieldErrors: { primaryColor: [expect.stringMatching(/colour/)] } });
    await expect(
      savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: { ...fields("x"), logoUrl: "https://evil.example/x.png" } }),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await counts(venue.id)).toEqual(before);
  });
});

describe("publishing and rolling back", () => {
  it("publishing makes the draft live and archives the previous live version in one go, audited", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    const v1 = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Version one") });
    await publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "en" });
    const v2 = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Version two") });
    const published = await publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "en", ip: "10.2.2.2" });

    expect(published).toMatchObject({ id: v2.id, status: "PUBLISHED", version: 2 });
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(await testDb.prisma.portalCopy.findUnique({ where: { id: v1.id } })).toMatchObject({ status: "ARCHIVED" });
    expect((await getPublishedPortalCopy(testDb.prisma, venue, "en")).headline).toBe("Version two");

    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: v2.id, action: "portal_copy.published" } });
    expect(audit).toMatchObject({ actorId: marketer.id, ip: "10.2.2.2" });
    expect(audit.before).toMatchObject({ id: v1.id, version: 1, fields: { headline: "Version one" } });
    expect(audit.after).toMatchObject({ id: v2.id, version: 2, status: "PUBLISHED" });
  });

  it("publishing with no draft is refused and changes nothing", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    const before = await counts(venue.id);
    await expect(inStaffWords(publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "en" }))).rejects.toThrow(/no draft/);
    expect(await counts(venue.id)).toEqual(before);
  });

  it("rolling back publishes a NEW version with the old fields and keeps history intact", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const admin = await staff("ADMIN");
    const v1 = await savePortalCopyDraft(testDb.prisma, admin, { venueId: venue.id, locale: "en", fields: fields("Old headline") });
    await publishPortalCopy(testDb.prisma, admin, { venueId: venue.id, locale: "en" });
    const v2 = await savePortalCopyDraft(testDb.prisma, admin, { venueId: venue.id, locale: "en", fields: fields("New headline") });
    await publishPortalCopy(testDb.prisma, admin, { venueId: venue.id, locale: "en" });

    const restored = await rollBackPortalCopy(testDb.prisma, admin, { copyId: v1.id });
    expect(restored).toMatchObject({ version: 3, status: "PUBLISHED", fields: { headline: "Old headline" } });
    expect(restored.id).not.toBe(v1.id);
    const rows = await testDb.prisma.portalCopy.findMany({ where: { venueId: venue.id }, orderBy: { version: "asc" } });
    expect(rows.map((r) => [r.version, r.status, (r.fields as { headline: string }).headline])).toEqual([
      [1, "ARCHIVED", "Old headline"],
      [2, "ARCHIVED", "New headline"],
      [3, "PUBLISHED", "Old headline"],
    ]);
    expect((await getPublishedPortalCopy(testDb.prisma, venue, "en")).headline).toBe("Old headline");

    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: restored.id, action: "portal_copy.rolled_back" } });
    expect(audit.before).toMatchObject({ id: v2.id, version: 2 });
    expect(audit.after).toMatchObject({ version: 3, restoredFromVersion: 1, restoredFromId: v1.id });

    const editor = await loadCopyEditor(testDb.prisma, venue.slug, "en", 1);
    expect(editor?.history.map((h) => [h.version, h.restoredFromVersion])).toEqual([[3, 1], [2, null], [1, null]]);
  });

  it("rolling back while a draft is open keeps the draft, renumbered after the restored version", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    const where = { venueId: venue.id, locale: "en" };
    const v1 = await savePortalCopyDraft(testDb.prisma, marketer, { ...where, fields: fields("One") });
    await publishPortalCopy(testDb.prisma, marketer, where);
    await savePortalCopyDraft(testDb.prisma, marketer, { ...where, fields: fields("Two") });
    await publishPortalCopy(testDb.prisma, marketer, where);
    const draft = await savePortalCopyDraft(testDb.prisma, marketer, { ...where, fields: fields("Three, in progress") });
    expect(draft.version).toBe(3);

    const restored = await rollBackPortalCopy(testDb.prisma, marketer, { copyId: v1.id });
    expect(restored).toMatchObject({ version: 4, status: "PUBLISHED" });
    const kept = await testDb.prisma.portalCopy.findUniqueOrThrow({ where: { id: draft.id } });
    expect(kept).toMatchObject({ status: "DRAFT", version: 5, fields: { headline: "Three, in progress" } });

    // Publishing the draft afterwards moves forward, not back.
    const published = await publishPortalCopy(testDb.prisma, marketer, where);
    expect(published).toMatchObject({ id: draft.id, version: 5, status: "PUBLISHED" });
    expect((await getPublishedPortalCopy(testDb.prisma, venue, "en")).headline).toBe("Three, in progress");
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityId: restored.id, action: "portal_copy.rolled_back" } });
    expect(audit.after).toMatchObject({ draftRenumbered: { id: draft.id, from: 3, to: 5 } });
  });

  it("rolling back to the live version or to a draft is refused", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    const live = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Live") });
    await publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "en" });
    const draft = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Draft") });
    const before = await counts(venue.id);
    await expect(inStaffWords(rollBackPortalCopy(testDb.prisma, marketer, { copyId: live.id }))).rejects.toThrow(/already live/);
    await expect(inStaffWords(rollBackPortalCopy(testDb.prisma, marketer, { copyId: draft.id }))).rejects.toThrow(/draft/);
    expect(await counts(venue.id)).toEqual(before);
  });
});

describe("locale fallback", () => {
  it("a locale with nothing published shows the default locale's live copy, and the editor says so", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en", "fr"], defaultLocale: "en" });
    const marketer = await staff("MARKETER");
    await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("English headline") });
    await publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "en" });
    // A French draft is not live: guests still get the English copy.
    await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "fr", fields: fields("Titre en brouillon") });

    expect((await getPublishedPortalCopy(testDb.prisma, venue, "fr")).headline).toBe("English headline");
    const editor = await loadCopyEditor(testDb.prisma, venue.slug, "fr", 1);
    expect(editor?.fallback).toMatchObject({ locale: "en", version: 1, fields: { headline: "English headline" } });
    expect((await loadCopyEditor(testDb.prisma, venue.slug, "en", 1))?.fallback).toBeNull();

    await publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "fr" });
    expect((await getPublishedPortalCopy(testDb.prisma, venue, "fr")).headline).toBe("Titre en brouillon");
  });
});

describe("image uploads", () => {
  const upload = (bytes: Uint8Array, claimedType: string, fileName: string) => ({ bytes, claimedType, fileName });

  it("stores a real PNG as a venue asset, points the draft at it and audits the upload", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    // Claimed as JPEG but the bytes are PNG: the bytes decide.
    const draft = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Logo"), logo: upload(png, "image/jpeg", "logo.jpg") });
    const asset = await testDb.prisma.asset.findFirstOrThrow({ where: { venueId: venue.id } });
    expect(asset).toMatchObject({ contentType: "image/png", byteSize: png.byteLength, createdById: marketer.id });
    expect((draft.fields as { logoUrl: string }).logoUrl).toBe(`/assets/${asset.id}`);
    const audit = await testDb.prisma.auditEntry.findFirstOrThrow({ where: { entityType: "asset", entityId: asset.id } });
    expect(audit).toMatchObject({ action: "asset.uploaded", actorId: marketer.id });
    expect(audit.after).toMatchObject({ contentType: "image/png", byteSize: png.byteLength, field: "logo" });
    expect(JSON.stringify(audit.after)).not.toContain("data");
  });

  it.each([
    ["bad magic bytes", upload(new TextEncoder().encode("MZ this is not an image"), "image/png", "logo.png"), /not a PNG, JPEG or WebP/],
    ["an SVG", upload(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "image/svg+xml", "logo.svg"), /SVG images are not accepted/],
    ["a file over 1 MB", upload(Uint8Array.from([...png, ...new Uint8Array(1024 * 1024)]), "image/png", "huge.png"), /too big \(1,025 KB\): images must be 1 MB or smaller/],
  ])("refuses %s with a message for the field, writing nothing", async (_name, file, message) => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    const before = await counts(venue.id);
    const attempt = savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Logo"), backgroundImage: file });
    await expect(inStaffWords(attempt)).rejects.toMatchObject({ fieldErrors: { backgroundImage: [expect.stringMatching(message)] } });
    expect(await counts(venue.id)).toEqual(before);
  });

  it("refuses to keep an image path that is not one of this venue's uploads", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const other = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    await savePortalCopyDraft(testDb.prisma, marketer, { venueId: other.venue.id, locale: "en", fields: fields("Other"), logo: upload(png, "image/png", "l.png") });
    const foreign = await testDb.prisma.asset.findFirstOrThrow({ where: { venueId: other.venue.id } });
    await expect(
      inStaffWords(savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: { ...fields("Mine"), logoUrl: `/assets/${foreign.id}` } })),
    ).rejects.toThrow(/not one of this venue's uploads/);
  });
});

describe("authorisation in the domain", () => {
  it("a LEGAL actor can neither save, publish nor roll back copy, and nothing is written", async () => {
    const { venue } = await createVenueFixture(testDb.prisma);
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const v1 = await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("One") });
    await publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "en" });
    await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Two") });
    await publishPortalCopy(testDb.prisma, marketer, { venueId: venue.id, locale: "en" });
    await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Three") });
    const before = await testDb.prisma.portalCopy.findMany({ where: { venueId: venue.id }, orderBy: { version: "asc" } });
    const auditBefore = await testDb.prisma.auditEntry.count();

    await expect(inStaffWords(savePortalCopyDraft(testDb.prisma, legal, { venueId: venue.id, locale: "en", fields: fields("Legal") }))).rejects.toThrow(/LEGAL\) cannot edit/);
    await expect(inStaffWords(publishPortalCopy(testDb.prisma, legal, { venueId: venue.id, locale: "en" }))).rejects.toThrow(/LEGAL\) cannot publish/);
    await expect(inStaffWords(rollBackPortalCopy(testDb.prisma, legal, { copyId: v1.id }))).rejects.toThrow(/LEGAL\) cannot publish/);

    expect(await testDb.prisma.portalCopy.findMany({ where: { venueId: venue.id }, orderBy: { version: "asc" } })).toEqual(before);
    expect(await testDb.prisma.auditEntry.count()).toBe(auditBefore);
  });
});

describe("reading for the staff pages", () => {
  it("the overview shows each locale's live version, draft and last editor", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en", "fr"], defaultLocale: "en" });
    const marketer = await staff("MARKETER");
    const admin = await staff("ADMIN");
    await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Live") });
    await publishPortalCopy(testDb.prisma, admin, { venueId: venue.id, locale: "en" });
    await savePortalCopyDraft(testDb.prisma, marketer, { venueId: venue.id, locale: "en", fields: fields("Next") });
    const adminEmail = (await testDb.prisma.staffUser.findUniqueOrThrow({ where: { id: admin.id } })).email;
    const marketerEmail = (await testDb.prisma.staffUser.findUniqueOrThrow({ where: { id: marketer.id } })).email;

    const total = await testDb.prisma.venue.count();
    const pages = await Promise.all(Array.from({ length: total }, (_, i) => listCopyOverview(testDb.prisma, { page: i + 1, pageSize: 1 })));
    expect(pages[0]!.pageCount).toBe(total);
    const row = pages.flatMap((p) => p.venues).find((v) => v.id === venue.id)!;
    expect(row.locales).toEqual([
      { locale: "en", isDefault: true, live: { version: 1, publishedAt: expect.any(Date) }, draft: { version: 2 }, lastChange: { at: expect.any(Date), by: marketerEmail } },
      { locale: "fr", isDefault: false, live: null, draft: null, lastChange: null },
    ]);
    const history = (await loadCopyEditor(testDb.prisma, venue.slug, "en", 1))!.history;
    expect(history.map((h) => [h.version, h.status, h.createdBy, h.publishedBy])).toEqual([
      [2, "DRAFT", marketerEmail, null],
      [1, "PUBLISHED", marketerEmail, adminEmail],
    ]);
  });

  it("the editor and the preview know nothing of unknown venues, locales or ids", async () => {
    const { venue } = await createVenueFixture(testDb.prisma, { locales: ["en"] });
    expect(await loadCopyEditor(testDb.prisma, "no-such-venue", "en", 1)).toBeNull();
    expect(await loadCopyEditor(testDb.prisma, venue.slug, "fr", 1)).toBeNull();
    expect(await findCopyVersion(testDb.prisma, "------------------------------------")).toBeNull();
    expect(await findCopyVersion(testDb.prisma, "01930000-0000-7000-8000-000000000000")).toBeNull();
  });
});
