import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { describeSchema, readFormValue, type FormMode } from "@/lib/delivery/connector-form";

import { SchemaFields } from "./schema-fields";

const hubspotSettings = z.object({
  baseUrl: z.url().default("https://api.hubapi.com"),
  fields: z
    .array(z.object({ source: z.enum(["email", "firstName", "lastName"]), property: z.string().regex(/^[a-z][a-z0-9_]*$/), owner: z.enum(["portico", "vendor"]) }))
    .default([{ source: "email", property: "email", owner: "portico" }]),
});
const hubspotSecrets = z.discriminatedUnion("auth", [
  z.object({ auth: z.literal("privateApp"), accessToken: z.string().min(1) }),
  z.object({ auth: z.literal("oauth"), clientId: z.string().min(1), clientSecret: z.string().min(1), refreshToken: z.string().min(1) }),
]);
const webhookSettings = z.object({
  endpointUrl: z.url(),
  payload: z.enum(["thin", "full"]).default("thin"),
  pullApiBaseUrl: z.url().optional(),
  headers: z.record(z.string(), z.string()).default({}),
});

function render(schema: z.ZodType, prefix: string, props: { values?: unknown; errors?: Record<string, string[]>; mode?: FormMode } = {}) {
  const field = describeSchema(schema, props.mode);
  return { field, html: renderToStaticMarkup(createElement(SchemaFields, { field, prefix, ...props })) };
}

const attributes = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map(([, name, value]) => [name!.toLowerCase(), unescape(value ?? "")]));
const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** What a browser without JavaScript posts for this markup, untouched (only the controls SchemaFields emits). */
function posted(html: string): FormData {
  const data = new FormData();
  for (const [, input, select, options, textarea, text] of html.matchAll(/<input([^>]*)>|<select([^>]*)>([\s\S]*?)<\/select>|<textarea([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const attrs = attributes(`x${input ?? select ?? textarea}`);
    if (!attrs.name) continue;
    if (input !== undefined && attrs.type === "checkbox") {
      if ("checked" in attrs) data.append(attrs.name, attrs.value ?? "on");
    } else if (select !== undefined) {
      const all = [...options!.matchAll(/<option([^>]*)>/g)].map(([, option]) => attributes(`x${option}`));
      data.append(attrs.name, (all.find((option) => "selected" in option) ?? all[0])?.value ?? "");
    } else {
      data.append(attrs.name, textarea !== undefined ? unescape(text!) : (attrs.value ?? ""));
    }
  }
  return data;
}

function controls(html: string): Record<string, string>[] {
  return [...html.matchAll(/<(input|select|textarea)([^>]*)>/g)].map(([, tag, rest]) => ({ tag: tag!, ...attributes(`x${rest}`) }));
}

describe("SchemaFields", () => {
  it("labels every control and posts the current settings back unchanged", () => {
    const values = { baseUrl: "https://eu1.api.hubapi.com", fields: [{ source: "firstName", property: "firstname", owner: "vendor" }] };
    const { field, html } = render(hubspotSettings, "settings", { values });
    for (const control of controls(html)) expect(html, `label for ${control.name}`).toContain(`for="${control.id}"`);
    expect(html).toContain(">Base URL</label>");
    expect(html).toContain('value="https://eu1.api.hubapi.com"');
    // The existing row plus two spare ones.
    expect(controls(html).filter((control) => control.name?.endsWith(".property")).map((control) => control.name)).toEqual([
      "settings.fields.0.property",
      "settings.fields.1.property",
      "settings.fields.2.property",
    ]);
    expect(hubspotSettings.parse(readFormValue(field, posted(html), "settings"))).toEqual(values);
  });

  it("starts a new connector from the schema's defaults", () => {
    const { field, html } = render(webhookSettings, "settings");
    expect(html).toContain(">Pull API base URL (optional)</label>");
    const data = posted(html);
    data.set("settings.endpointUrl", "https://crm.example/hooks");
    expect(webhookSettings.parse(readFormValue(field, data, "settings"))).toEqual({ endpointUrl: "https://crm.example/hooks", payload: "thin", headers: {} });
  });

  it("fills headers as Name: value lines and shows errors on their controls", () => {
    const values = { endpointUrl: "https://crm.example/hooks", payload: "full", headers: { "X-Team": "guest-wifi", Authorization: "Bearer a:b" } };
    const { field, html } = render(webhookSettings, "settings", { values, errors: { "settings.endpointUrl": ["Invalid URL"] } });
    expect(html).toContain("X-Team: guest-wifi\nAuthorization: Bearer a:b</textarea>");
    expect(controls(html).find((control) => control.name === "settings.endpointUrl")).toMatchObject({ "aria-invalid": "true", "aria-describedby": "settings-endpointUrl-error" });
    expect(html).toContain('<p id="settings-endpointUrl-error" role="alert"');
    expect(webhookSettings.parse(readFormValue(field, posted(html), "settings"))).toEqual(values);
  });

  it("never renders a secret back, and a form posted untouched keeps the stored credentials", () => {
    const stored = { auth: "oauth", clientId: "app-1", clientSecret: "s3cret", refreshToken: "r-token" };
    const { field, html } = render(hubspotSecrets, "secrets", { values: stored, mode: "secrets" });
    for (const secret of ["app-1", "s3cret", "r-token"]) expect(html).not.toContain(secret);
    expect(controls(html).filter((control) => control.tag === "input").every((control) => control.type === "password" && control.autocomplete === "new-password")).toBe(true);
    // The auth method is a choice, not a secret: it shows which one is stored.
    expect(html).toMatch(/<option value="oauth" selected="">OAuth<\/option>/);
    expect(readFormValue(field, posted(html), "secrets", "secrets")).toBeUndefined();
  });

  it("shows every variant's fields in its own box without JavaScript", () => {
    const { html } = render(hubspotSecrets, "secrets", { mode: "secrets" });
    expect(html).toContain("<legend");
    expect(html).toMatch(/<legend[^>]*>Private app<\/legend>/);
    expect(html).toMatch(/<legend[^>]*>OAuth<\/legend>/);
    expect(html).not.toContain("hidden");
    for (const name of ["secrets.auth", "secrets.accessToken", "secrets.clientId", "secrets.clientSecret", "secrets.refreshToken"]) expect(html).toContain(`name="${name}"`);
  });

  it("renders signing secrets as empty password inputs of one name", () => {
    const schema = z.object({ signingSecrets: z.array(z.string().regex(/^whsec_/)).min(1).max(3) });
    const { field, html } = render(schema, "secrets", { values: { signingSecrets: ["whsec_old"] }, mode: "secrets" });
    expect(html).not.toContain("whsec_old");
    expect(controls(html).map((control) => control.name)).toEqual(["secrets.signingSecrets", "secrets.signingSecrets", "secrets.signingSecrets"]);
    const data = posted(html);
    data.set("secrets.signingSecrets", "whsec_new");
    expect(schema.parse(readFormValue(field, data, "secrets", "secrets"))).toEqual({ signingSecrets: ["whsec_new"] });
  });
});
