import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { StaffRole } from "@/lib/generated/prisma/enums";
import {
  approveConsentText,
  discardConsentDraft,
  draftConsentText,
  publishConsentText,
  redraftRejectedConsentText,
  rejectConsentText,
  submitConsentText,
  updateConsentDraft,
  withdrawConsentText,
  type ConsentActor,
} from "@/lib/consent/wording";
import { hashConsentWording } from "@/lib/consent/wording-hash";

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

let staffCount = 0;
async function staff(role: StaffRole): Promise<ConsentActor> {
  staffCount += 1;
  const row = await testDb.prisma.staffUser.create({ data: { email: `${role.toLowerCase()}${staffCount}@staff.example.com`, role } });
  return { id: row.id, role, ip: "192.0.2.10" };
}

/** A fresh venue and the id of its marketing purpose (with "marketing wording (en) v1" live in en and fr). */
async function marketingPurpose() {
  const { venue, purposes } = await createVenueFixture(testDb.prisma);
  return { venue, purposeId: purposes.find((p) => p.key === "marketing")!.id };
}

function auditOf(entityId: string) {
  return testDb.prisma.auditEntry.findMany({ where: { entityType: "consent_text", entityId }, orderBy: { id: "asc" } });
}

/** Everything a refused step could have written: the text rows and the whole audit trail. */
async function ledgerState(purposeId: string) {
  const [texts, audit] = await Promise.all([
    testDb.prisma.consentText.findMany({ where: { purposeId }, orderBy: [{ locale: "asc" }, { version: "asc" }] }),
    testDb.prisma.auditEntry.count(),
  ]);
  return { texts, audit };
}

/** Drafted by `author`, submitted, and (when a reviewer is given) approved. */
async function textIn(status: "DRAFT" | "IN_REVIEW" | "APPROVED", purposeId: string, author: ConsentActor, reviewer?: ConsentActor, body = "New marketing wording.") {
  const draft = await draftConsentText(testDb.prisma, author, { purposeId, locale: "en", body });
  if (status === "DRAFT") return draft;
  const submitted = await submitConsentText(testDb.prisma, author, { consentTextId: draft.id });
  if (status === "IN_REVIEW") return submitted;
  return approveConsentText(testDb.prisma, reviewer!, { consentTextId: draft.id });
}

describe("the consent wording workflow", () => {
  it("drafts the next version, NFC-normalised with its SHA-256, and audits it", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    // "é" typed as e + combining acute, with Windows line endings as a textarea posts them.
    const draft = await draftConsentText(testDb.prisma, marketer, { purposeId, locale: "en", body: "  Cafe\u0301 offers\r\nby email.  " });
    expect(draft).toMatchObject({ version: 2, status: "DRAFT", locale: "en", createdById: marketer.id, body: "Caf\u00e9 offers\nby email." });
    expect(draft.sha256).toBe(hashConsentWording("Caf\u00e9 offers\nby email."));

    const [entry] = await auditOf(draft.id);
    expect(entry).toMatchObject({ action: "consent_text.drafted", actorId: marketer.id, ip: "192.0.2.10", before: null });
    expect(entry!.after).toMatchObject({ status: "DRAFT", version: 2, body: "Caf\u00e9 offers\nby email.", sha256: draft.sha256 });
  });

  it("lets the author edit their draft, recording the words before and after", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const draft = await draftConsentText(testDb.prisma, marketer, { purposeId, locale: "en", body: "First try." });
    const updated = await updateConsentDraft(testDb.prisma, marketer, { consentTextId: draft.id, body: "Second try." });
    expect(updated).toMatchObject({ body: "Second try.", sha256: hashConsentWording("Second try."), status: "DRAFT", version: draft.version });

    const entries = await auditOf(draft.id);
    expect(entries.map((e) => e.action)).toEqual(["consent_text.drafted", "consent_text.updated"]);
    expect(entries[1]!.before).toMatchObject({ body: "First try." });
    expect(entries[1]!.after).toMatchObject({ body: "Second try." });
  });

  it("refuses to let anyone but the author edit or submit a draft", async () => {
    const { purposeId } = await marketingPurpose();
    const author = await staff("MARKETER");
    const admin = await staff("ADMIN");
    const draft = await draftConsentText(testDb.prisma, author, { purposeId, locale: "en", body: "Mine." });
    const before = await ledgerState(purposeId);
    await expect(inStaffWords(updateConsentDraft(testDb.prisma, admin, { consentTextId: draft.id, body: "Yours." }))).rejects.toThrow(/Only the author/);
    await expect(inStaffWords(submitConsentText(testDb.prisma, admin, { consentTextId: draft.id }))).rejects.toThrow(/Only the author/);
    expect(await ledgerState(purposeId)).toEqual(before);
  });

  it("submits, approves with an optional comment, and audits each step", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const draft = await draftConsentText(testDb.prisma, marketer, { purposeId, locale: "en", body: "Offers by email." });

    const submitted = await submitConsentText(testDb.prisma, marketer, { consentTextId: draft.id });
    expect(submitted.status).toBe("IN_REVIEW");

    const approved = await approveConsentText(testDb.prisma, legal, { consentTextId: draft.id, comment: "  Fine by legal. " });
    expect(approved).toMatchObject({ status: "APPROVED", reviewedById: legal.id, reviewComment: "Fine by legal." });
    expect(approved.reviewedAt).toBeInstanceOf(Date);

    const entries = await auditOf(draft.id);
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ["consent_text.drafted", marketer.id],
      ["consent_text.submitted", marketer.id],
      ["consent_text.approved", legal.id],
    ]);
    expect(entries[1]).toMatchObject({ before: { status: "DRAFT" }, after: { status: "IN_REVIEW" } });
    expect(entries[2]).toMatchObject({ before: { status: "IN_REVIEW", reviewedById: null }, after: { status: "APPROVED", reviewedById: legal.id, reviewComment: "Fine by legal." } });
  });

  it("refuses to let whoever drafted the wording approve it (four eyes), and changes nothing", async () => {
    const { purposeId } = await marketingPurpose();
    const legal = await staff("LEGAL");
    const submitted = await textIn("IN_REVIEW", purposeId, legal);
    const before = await ledgerState(purposeId);
    await expect(inStaffWords(approveConsentText(testDb.prisma, legal, { consentTextId: submitted.id }))).rejects.toThrow(/someone else must approve it/);
    expect(await ledgerState(purposeId)).toEqual(before);
    const approved = await approveConsentText(testDb.prisma, await staff("LEGAL"), { consentTextId: submitted.id });
    expect(approved.status).toBe("APPROVED");
  });

  it("rejects only with a comment, which is kept on the version and in the audit trail", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const inReview = await textIn("IN_REVIEW", purposeId, marketer);

    const before = await ledgerState(purposeId);
    await expect(inStaffWords(rejectConsentText(testDb.prisma, legal, { consentTextId: inReview.id, comment: "   " }))).rejects.toThrow(/Say what needs to change/);
    expect(await ledgerState(purposeId)).toEqual(before);

    const rejected = await rejectConsentText(testDb.prisma, legal, { consentTextId: inReview.id, comment: "Name the data controller." });
    expect(rejected).toMatchObject({ status: "REJECTED", reviewedById: legal.id, reviewComment: "Name the data controller." });
    const entries = await auditOf(inReview.id);
    expect(entries.at(-1)).toMatchObject({ action: "consent_text.rejected", actorId: legal.id, after: { status: "REJECTED", reviewComment: "Name the data controller." } });
  });

  it("copies a rejected version into a new draft and leaves the rejected one as it was", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const inReview = await textIn("IN_REVIEW", purposeId, marketer, undefined, "Rejected words.");
    await rejectConsentText(testDb.prisma, legal, { consentTextId: inReview.id, comment: "Too vague." });

    const redraft = await redraftRejectedConsentText(testDb.prisma, marketer, { consentTextId: inReview.id });
    expect(redraft).toMatchObject({ status: "DRAFT", body: "Rejected words.", version: inReview.version + 1, createdById: marketer.id });
    expect(await testDb.prisma.consentText.findUniqueOrThrow({ where: { id: inReview.id } })).toMatchObject({ status: "REJECTED", reviewComment: "Too vague." });
    const [entry] = await auditOf(redraft.id);
    expect(entry).toMatchObject({ action: "consent_text.drafted", after: { status: "DRAFT", copiedFromId: inReview.id } });
  });

  it("publishes approved wording and retires the live version in the same step", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const live = await testDb.prisma.consentText.findFirstOrThrow({ where: { purposeId, locale: "en", status: "PUBLISHED" } });
    const approved = await textIn("APPROVED", purposeId, marketer, legal);

    const published = await publishConsentText(testDb.prisma, legal, { consentTextId: approved.id });
    expect(published.status).toBe("PUBLISHED");
    expect(published.publishedAt).toBeInstanceOf(Date);
    const retired = await testDb.prisma.consentText.findUniqueOrThrow({ where: { id: live.id } });
    expect(retired).toMatchObject({ status: "RETIRED", body: live.body, sha256: live.sha256 });
    expect(retired.retiredAt).toEqual(published.publishedAt);
    // The French wording of the same purpose is untouched.
    expect(await testDb.prisma.consentText.count({ where: { purposeId, locale: "fr", status: "PUBLISHED" } })).toBe(1);

    const [publishEntry] = (await auditOf(approved.id)).filter((e) => e.action === "consent_text.published");
    expect(publishEntry).toMatchObject({
      actorId: legal.id,
      before: { status: "APPROVED", live: { id: live.id, status: "PUBLISHED" } },
      after: { status: "PUBLISHED", retired: { id: live.id, status: "RETIRED" } },
    });
    expect(await auditOf(live.id)).toEqual([
      expect.objectContaining({ action: "consent_text.retired", actorId: legal.id, before: expect.objectContaining({ status: "PUBLISHED" }), after: expect.objectContaining({ status: "RETIRED", replacedById: approved.id }) }),
    ]);
  });

  it("publishes the first version of a locale with nothing to retire", async () => {
    const { purposes } = await createVenueFixture(testDb.prisma, { wordingLocales: ["en"] });
    const purposeId = purposes.find((p) => p.key === "marketing")!.id;
    const marketer = await staff("MARKETER");
    const admin = await staff("ADMIN");
    const draft = await draftConsentText(testDb.prisma, marketer, { purposeId, locale: "fr", body: "Offres par e-mail." });
    await submitConsentText(testDb.prisma, marketer, { consentTextId: draft.id });
    await approveConsentText(testDb.prisma, admin, { consentTextId: draft.id });
    const published = await publishConsentText(testDb.prisma, admin, { consentTextId: draft.id });
    expect(published).toMatchObject({ status: "PUBLISHED", version: 1, locale: "fr" });
    expect((await auditOf(draft.id)).at(-1)).toMatchObject({ action: "consent_text.published", before: { live: null }, after: { retired: null } });
  });

  it("serialises two publishes of the same purpose and locale: one ends live, the other retired", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const first = await textIn("APPROVED", purposeId, marketer, legal, "First candidate.");
    const second = await textIn("APPROVED", purposeId, marketer, legal, "Second candidate.");

    const results = await Promise.allSettled([
      publishConsentText(testDb.prisma, legal, { consentTextId: first.id }),
      publishConsentText(testDb.prisma, legal, { consentTextId: second.id }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const texts = await testDb.prisma.consentText.findMany({ where: { purposeId, locale: "en" }, orderBy: { version: "asc" } });
    expect(texts.filter((t) => t.status === "PUBLISHED")).toHaveLength(1);
    expect(texts.filter((t) => t.status === "RETIRED")).toHaveLength(2);
  });

  it("refuses a draft in a locale the venue does not offer", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const before = await ledgerState(purposeId);
    await expect(inStaffWords(draftConsentText(testDb.prisma, marketer, { purposeId, locale: "de", body: "Angebote." }))).rejects.toThrow(/does not offer the locale "de"/);
    expect(await ledgerState(purposeId)).toEqual(before);
  });
});

describe("abandoning wording", () => {
  it("the author discards their draft: the row goes, the audit entry keeps its words", async () => {
    const { purposeId } = await marketingPurpose();
    const author = await staff("MARKETER");
    const draft = await textIn("DRAFT", purposeId, author, undefined, "Words nobody will see.");
    await discardConsentDraft(testDb.prisma, author, { consentTextId: draft.id });
    expect(await testDb.prisma.consentText.findUnique({ where: { id: draft.id } })).toBeNull();
    const entries = await auditOf(draft.id);
    expect(entries.map((e) => e.action)).toEqual(["consent_text.drafted", "consent_text.discarded"]);
    const entry = entries.at(-1);
    expect(entry).toMatchObject({ actorId: author.id, after: null });
    expect(entry!.before).toMatchObject({ body: "Words nobody will see.", status: "DRAFT" });
  });

  it("only the author discards, and only a draft", async () => {
    const { purposeId } = await marketingPurpose();
    const author = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const draft = await textIn("DRAFT", purposeId, author);
    const inReview = await textIn("IN_REVIEW", purposeId, await staff("MARKETER"));
    const before = await ledgerState(purposeId);
    await expect(inStaffWords(discardConsentDraft(testDb.prisma, legal, { consentTextId: draft.id }))).rejects.toThrow(/Only the author/);
    await expect(inStaffWords(discardConsentDraft(testDb.prisma, author, { consentTextId: inReview.id }))).rejects.toThrow(/only drafts can be discarded/);
    expect(await ledgerState(purposeId)).toEqual(before);
  });

  it("legal withdraws approved wording that will not go live: retired, never published, words kept", async () => {
    const { purposeId } = await marketingPurpose();
    const legal = await staff("LEGAL");
    const approved = await textIn("APPROVED", purposeId, await staff("MARKETER"), legal, "Approved but dropped.");
    const withdrawn = await withdrawConsentText(testDb.prisma, legal, { consentTextId: approved.id });
    expect(withdrawn).toMatchObject({ status: "RETIRED", publishedAt: null, body: "Approved but dropped." });
    expect(withdrawn.retiredAt).toBeInstanceOf(Date);
    const entry = (await auditOf(approved.id)).at(-1)!;
    expect(entry).toMatchObject({ action: "consent_text.withdrawn", before: { status: "APPROVED" }, after: { status: "RETIRED" } });
    // It can no longer be published, and guests still see v1.
    await expect(inStaffWords(publishConsentText(testDb.prisma, legal, { consentTextId: approved.id }))).rejects.toThrow(/only approved wording can be published/i);
    const live = await testDb.prisma.consentText.findFirstOrThrow({ where: { purposeId, locale: "en", status: "PUBLISHED" } });
    expect(live.version).toBe(1);
  });

  it("a marketer cannot withdraw approved wording, and nothing changes", async () => {
    const { purposeId } = await marketingPurpose();
    const approved = await textIn("APPROVED", purposeId, await staff("MARKETER"), await staff("LEGAL"));
    const before = await ledgerState(purposeId);
    await expect(inStaffWords(withdrawConsentText(testDb.prisma, await staff("MARKETER"), { consentTextId: approved.id }))).rejects.toThrow(/Only legal reviewers/);
    expect(await ledgerState(purposeId)).toEqual(before);
  });
});

describe("refused steps write nothing", () => {
  it("refuses to publish a draft or wording still in review", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const draft = await textIn("DRAFT", purposeId, marketer);
    const inReview = await textIn("IN_REVIEW", purposeId, marketer, undefined, "Other words.");
    const before = await ledgerState(purposeId);
    await expect(inStaffWords(publishConsentText(testDb.prisma, legal, { consentTextId: draft.id }))).rejects.toThrow(/is a draft: only approved wording can be published/);
    await expect(inStaffWords(publishConsentText(testDb.prisma, legal, { consentTextId: inReview.id }))).rejects.toThrow(/is in review: only approved wording can be published/);
    expect(await ledgerState(purposeId)).toEqual(before);
  });

  it("refuses to approve or reject a draft that was never submitted", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const draft = await textIn("DRAFT", purposeId, marketer);
    const before = await ledgerState(purposeId);
    await expect(inStaffWords(approveConsentText(testDb.prisma, legal, { consentTextId: draft.id }))).rejects.toThrow(/only wording submitted for review can be approved/);
    await expect(inStaffWords(rejectConsentText(testDb.prisma, legal, { consentTextId: draft.id, comment: "No." }))).rejects.toThrow(/only wording submitted for review can be rejected/);
    expect(await ledgerState(purposeId)).toEqual(before);
  });

  it("refuses to edit approved or published wording, and the database refuses too", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const approved = await textIn("APPROVED", purposeId, marketer, legal);
    const live = await testDb.prisma.consentText.findFirstOrThrow({ where: { purposeId, locale: "en", status: "PUBLISHED" } });
    const before = await ledgerState(purposeId);

    await expect(inStaffWords(updateConsentDraft(testDb.prisma, marketer, { consentTextId: approved.id, body: "Sneaky." }))).rejects.toThrow(/is approved: only drafts can be edited/);
    await expect(inStaffWords(updateConsentDraft(testDb.prisma, marketer, { consentTextId: live.id, body: "Sneaky." }))).rejects.toThrow(/is published: only drafts can be edited/);
    await expect(inStaffWords(submitConsentText(testDb.prisma, marketer, { consentTextId: approved.id }))).rejects.toThrow(/only drafts can be submitted/);
    await expect(
      testDb.prisma.consentText.update({ where: { id: approved.id }, data: { body: "Sneaky.", sha256: hashConsentWording("Sneaky.") } }),
    ).rejects.toThrow(/consent_text is frozen once approved/);
    expect(await ledgerState(purposeId)).toEqual(before);
  });

  it("refuses a marketer who tries to approve, reject or publish", async () => {
    const { purposeId } = await marketingPurpose();
    const marketer = await staff("MARKETER");
    const legal = await staff("LEGAL");
    const inReview = await textIn("IN_REVIEW", purposeId, marketer);
    const approved = await textIn("APPROVED", purposeId, marketer, legal, "Approved words.");
    const before = await ledgerState(purposeId);

    await expect(inStaffWords(approveConsentText(testDb.prisma, marketer, { consentTextId: inReview.id }))).rejects.toThrow(/Only legal reviewers and admins can approve or reject/);
    await expect(inStaffWords(rejectConsentText(testDb.prisma, marketer, { consentTextId: inReview.id, comment: "No." }))).rejects.toThrow(/Only legal reviewers and admins can approve or reject/);
    await expect(inStaffWords(publishConsentText(testDb.prisma, marketer, { consentTextId: approved.id }))).rejects.toThrow(/Only legal reviewers and admins can publish/);
    expect(await ledgerState(purposeId)).toEqual(before);
  });

  it("refuses a version that does not exist", async () => {
    const legal = await staff("LEGAL");
    await expect(inStaffWords(publishConsentText(testDb.prisma, legal, { consentTextId: "01900000-0000-7000-8000-000000000000" }))).rejects.toThrow(/does not exist/);
  });
});
