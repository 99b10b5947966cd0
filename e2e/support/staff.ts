// Staff fixtures: a staff account per test, signed in through next-auth's API (not the UI,
// which has its own spec), and a way to replay a server-action form as someone else, so the
// role matrix is checked on the server and not only by what the UI shows.
import { randomBytes } from "node:crypto";

import type { APIResponse, Page } from "@playwright/test";

import type { StaffRole } from "@/lib/generated/prisma/enums";
import { createStaffUser, systemActor } from "@/lib/staff/create-staff-user";

import { expect, test as base } from "./fixtures";

export { expect };

export interface StaffAccount {
  id: string;
  email: string;
  password: string;
  role: StaffRole;
}

export interface ActionForm {
  url: string;
  fields: [string, string][];
}

interface StaffFixtures {
  /** Creates a staff account with this role and signs this page's browser context in. */
  signInAs: (page: Page, role: StaffRole) => Promise<StaffAccount>;
  /** Creates a staff account without signing in. */
  createStaff: (role: StaffRole) => Promise<StaffAccount>;
}

export const test = base.extend<StaffFixtures>({
  createStaff: async ({ db }, provide) => {
    await provide(async (role) => {
      const password = `pw-${randomBytes(12).toString("base64url")}`;
      const email = `${role.toLowerCase()}.${Date.now().toString(36)}${randomBytes(3).toString("hex")}@staff.example.com`;
      const staff = await createStaffUser(db, { email, role, password, name: `Test ${role.toLowerCase()}` }, systemActor("an e2e test fixture"));
      return { id: staff.id, email, password, role };
    });
  },
  signInAs: async ({ createStaff }, provide) => {
    await provide(async (page, role) => {
      const account = await createStaff(role);
      await signInThroughApi(page, account);
      return account;
    });
  },
});

/** next-auth's credentials callback, as its own sign-in form would call it. */
export async function signInThroughApi(page: Page, account: { email: string; password: string }): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, json: "true" },
    maxRedirects: 0,
  });
  expect(response.status(), "sign-in through the API").toBeLessThan(400);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes("next-auth.session-token")), "a session cookie was set").toBe(true);
}

/**
 * Reads a server-action form as rendered for a user who may use it: the page URL and every
 * field, including Next's hidden action id. Replay it with `postActionForm` from a context
 * signed in as someone else to prove the server refuses them.
 */
export async function readActionForm(page: Page, formSelector: string): Promise<ActionForm> {
  const fields = await page.locator(formSelector).first().evaluate((form) => {
    const data = new FormData(form as HTMLFormElement);
    return [...data.entries()].filter((e): e is [string, string] => typeof e[1] === "string");
  });
  return { url: page.url(), fields };
}

/** Posts a server-action form the way a browser without JavaScript would (from `origin`, by default the form's own). */
export async function postActionForm(page: Page, form: ActionForm, overrides: Record<string, string> = {}, origin = new URL(form.url).origin): Promise<APIResponse> {
  const multipart: Record<string, string> = {};
  for (const [name, value] of form.fields) multipart[name] = value;
  Object.assign(multipart, overrides);
  return page.request.post(form.url, { multipart, maxRedirects: 0, headers: { origin } });
}
