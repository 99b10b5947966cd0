// "Manage my data" at a phone viewport, JavaScript on and off: a guest who connected asks for
// the link from the success page, reads it in the email (a local SMTP server the app mails
// to, e2e/support/serve.ts), opens it, withdraws one sponsor and downloads the ZIP.
import { strFromU8, unzipSync } from "fflate";
import { readFile } from "node:fs/promises";

import { normaliseEmail } from "@/lib/email/normalise-email";
import { startTestSmtpServer, type TestSmtpServer } from "@/tests/support/smtp-server";

import { expect, test } from "./support/fixtures";
import { connect, en, reachConsent, VENUE } from "./support/journey";
import { e2eRun } from "./support/run";

let smtp: TestSmtpServer;

test.beforeAll(async () => {
  smtp = await startTestSmtpServer(e2eRun().smtpPort);
});
test.afterAll(async () => {
  await smtp?.close();
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`manage my data, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("a guest gets the link by email, withdraws one sponsor and downloads their data", async ({ page, db, uniqueEmail, snap }) => {
      const email = uniqueEmail(javaScriptEnabled ? "mydata.js" : "mydata.nojs");
      await reachConsent(page, email);
      await connect(page, [en.acme, en.northwind]);

      await page.getByRole("link", { name: "Manage my data" }).click();
      await expect(page).toHaveURL(new RegExp(`/p/${VENUE}/my-data$`));
      const before = smtp.messages.length;
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Email me a link" }).click();
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
      await snap(page, "link-sent");

      const mail = await smtp.waitFor(normaliseEmail(email), { after: before });
      const href = /http:\/\/127\.0\.0\.1:\d+\/p\/[^\s"]+/.exec(mail.text)?.[0];
      expect(href).toBeDefined();
      await page.goto(href!);
      await expect(page.getByRole("heading", { name: "Open your data" })).toBeVisible();
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByRole("heading", { name: "Your choices" })).toBeVisible();
      await snap(page, "choices");

      // The exact words the guest agreed to, and one button per optional consent.
      const acme = page.locator(".consent", { hasText: en.acme });
      await expect(acme.getByText("You agreed on")).toBeVisible();
      await acme.getByRole("button", { name: "Withdraw" }).click();
      await expect(page.getByRole("status")).toContainText("your consent is withdrawn");
      await expect(page.locator(".consent", { hasText: en.acme }).getByRole("button", { name: "Agree again" })).toBeVisible();
      await expect(page.locator(".consent", { hasText: en.northwind }).getByRole("button", { name: "Withdraw" })).toBeVisible();

      const guest = await db.guest.findUniqueOrThrow({ where: { emailNormalized: normaliseEmail(email) } });
      const latest = await db.consentRecord.findFirstOrThrow({ where: { guestId: guest.id, purpose: { key: "sponsor:acme-coffee" } }, orderBy: { id: "desc" } });
      expect(latest).toMatchObject({ granted: false, method: "WITHDRAWAL" });
      expect(latest.userAgent).toContain("Android");

      const downloading = page.waitForEvent("download");
      await page.getByRole("link", { name: "Download my data" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^portico-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
      const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
      expect(Object.keys(files)).toEqual(expect.arrayContaining(["access.json", "consents.csv", "deliveries.csv", "profile.csv", "visits.csv"]));
      const data = JSON.parse(strFromU8(files["access.json"]!)) as { profile: Array<{ email: string }>; consents: Array<{ purpose: string; granted: boolean; method: string; wording: string }> };
      expect(data.profile[0]!.email.toLowerCase()).toBe(normaliseEmail(email));
      const acmeDecisions = data.consents.filter((c) => c.purpose === "sponsor:acme-coffee");
      expect(acmeDecisions.map((c) => [c.granted, c.method])).toEqual([[true, "PORTAL"], [false, "WITHDRAWAL"]]);
      expect(acmeDecisions[0]!.wording.length).toBeGreaterThan(10);

      // The link was for one opening only.
      await page.goto(href!);
      await expect(page.getByText("This link has already been used.")).toBeVisible();
    });
  });
}
