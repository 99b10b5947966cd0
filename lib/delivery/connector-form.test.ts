import { describe, expect, it } from "vitest";
import { z } from "zod";

import { describeSchema, fieldErrorsFor, humanise, readFormValue, type FormField } from "./connector-form";

// Shapes copied from the connectors being written (HubSpot, Standard Webhooks): the form must
// serve them without a line of vendor-specific code.
const guestSource = z.enum(["email", "firstName", "lastName", "locale", "marketingConsent"]);
const hubspotSettings = z.object({
  baseUrl: z.url().default("https://api.hubapi.com"),
  fields: z
    .array(z.object({ source: guestSource, property: z.string().regex(/^[a-z][a-z0-9_]*$/, "Use a HubSpot internal property name."), owner: z.enum(["portico", "vendor"]) }))
    .default([{ source: "email", property: "email", owner: "portico" }]),
});
const hubspotSecrets = z.discriminatedUnion("auth", [
  z.object({ auth: z.literal("privateApp"), accessToken: z.string().min(1) }),
  z.object({ auth: z.literal("oauth"), clientId: z.string().min(1), clientSecret: z.string().min(1), refreshToken: z.string().min(1) }),
]);
const webhookSettings = z
  .object({
    endpointUrl: z.url().describe("Where Portico posts each delivery."),
    payload: z.enum(["thin", "full"]).default("thin"),
    pullApiBaseUrl: z.url().optional(),
    headers: z.record(z.string(), z.string()).default({}),
  })
  .refine((settings) => settings.payload === "full" || settings.pullApiBaseUrl !== undefined, {
    path: ["pullApiBaseUrl"],
    message: "A thin payload needs the pull API base URL.",
  });
const webhookSecrets = z.object({ signingSecrets: z.array(z.string().regex(/^whsec_/, "Starts with whsec_.")).min(1).max(3) });

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

function child(field: FormField, key: string): FormField {
  if (field.kind !== "group") throw new Error(`${field.key} is a ${field.kind}`);
  return field.fields.find((candidate) => candidate.key === key)!;
}

function roundTrip<Schema extends z.ZodType>(schema: Schema, entries: [string, string][], prefix = "settings") {
  const field = describeSchema(schema);
  const parsed = schema.safeParse(readFormValue(field, form(entries), prefix));
  return { parsed, errors: parsed.success ? {} : fieldErrorsFor(field, parsed.error, prefix) };
}

describe("humanise", () => {
  it("turns keys into labels, keeping acronyms", () => {
    expect(humanise("baseUrl")).toBe("Base URL");
    expect(humanise("endpointUrl")).toBe("Endpoint URL");
    expect(humanise("pullApiBaseUrl")).toBe("Pull API base URL");
    expect(humanise("clientId")).toBe("Client ID");
    expect(humanise("oauth")).toBe("OAuth");
    expect(humanise("privateApp")).toBe("Private app");
  });
});

describe("describeSchema", () => {
  it("describes HubSpot settings: a URL with its default and a mapping list of rows", () => {
    const field = describeSchema(hubspotSettings);
    expect(child(field, "baseUrl")).toEqual({ key: "baseUrl", kind: "url", label: "Base URL", required: false, default: "https://api.hubapi.com" });
    const fields = child(field, "fields");
    expect(fields).toMatchObject({ kind: "rows", label: "Fields", required: false, default: [{ source: "email", property: "email", owner: "portico" }] });
    if (fields.kind !== "rows") throw new Error("rows expected");
    expect(child(fields.item, "source")).toMatchObject({ kind: "select", required: true, options: expect.arrayContaining([{ value: "firstName", label: "First name" }]) });
    expect(child(fields.item, "property")).toMatchObject({ kind: "text", required: true });
    expect(child(fields.item, "owner")).toMatchObject({ kind: "select", options: [{ value: "portico", label: "Portico" }, { value: "vendor", label: "Vendor" }] });
  });

  it("describes webhook settings: hints, optional URL, an enum with a default and headers as pairs", () => {
    const field = describeSchema(webhookSettings);
    expect(child(field, "endpointUrl")).toMatchObject({ kind: "url", label: "Endpoint URL", hint: "Where Portico posts each delivery.", required: true });
    expect(child(field, "payload")).toMatchObject({ kind: "select", required: false, default: "thin" });
    expect(child(field, "pullApiBaseUrl")).toMatchObject({ kind: "url", label: "Pull API base URL", required: false });
    expect(child(field, "pullApiBaseUrl")).not.toHaveProperty("default");
    expect(child(field, "headers")).toMatchObject({ kind: "pairs", required: false, default: {} });
  });

  it("describes a discriminated union as variants with password inputs in secrets mode", () => {
    const field = describeSchema(hubspotSecrets, "secrets");
    expect(field).toMatchObject({
      kind: "variants",
      discriminator: { key: "auth", label: "Auth", options: [{ value: "privateApp", label: "Private app" }, { value: "oauth", label: "OAuth" }] },
      variants: [
        { value: "privateApp", fields: [{ key: "accessToken", kind: "password", label: "Access token" }] },
        { value: "oauth", fields: [{ key: "clientId", kind: "password", label: "Client ID" }, { key: "clientSecret" }, { key: "refreshToken" }] },
      ],
    });
  });

  it("shows a property several variants have once, above the variants", () => {
    const field = describeSchema(
      z.discriminatedUnion("flow", [
        z.object({ flow: z.literal("jwt"), clientId: z.string(), privateKey: z.string() }),
        z.object({ flow: z.literal("clientCredentials"), clientId: z.string(), clientSecret: z.string() }),
        z.object({ flow: z.literal("none") }),
      ]),
      "secrets",
    );
    if (field.kind !== "variants") throw new Error("variants expected");
    expect(field.shared.map((shared) => shared.key)).toEqual(["clientId"]);
    expect(field.variants.map((variant) => [variant.value, variant.fields.map((own) => own.key), variant.sharedKeys])).toEqual([
      ["jwt", ["privateKey"], ["clientId"]],
      ["clientCredentials", ["clientSecret"], ["clientId"]],
      ["none", [], []],
    ]);
  });

  it("takes titles, secret hints and literal unions from the schema", () => {
    const field = describeSchema(
      z.object({
        listId: z.string().meta({ title: "Audience", description: "From Mailchimp's audience settings." }),
        apiKey: z.string().meta({ writeOnly: true }),
        region: z.union([z.literal("eu"), z.literal("us").meta({ title: "United States" })]),
        batchSize: z.number().int().optional(),
        doubleOptIn: z.boolean().default(true),
        tags: z.array(z.string()).optional(),
      }),
    );
    expect(child(field, "listId")).toMatchObject({ kind: "text", label: "Audience", hint: "From Mailchimp's audience settings." });
    expect(child(field, "apiKey")).toMatchObject({ kind: "password" });
    expect(child(field, "region")).toMatchObject({ kind: "select", options: [{ value: "eu", label: "Eu" }, { value: "us", label: "United States" }] });
    expect(child(field, "batchSize")).toMatchObject({ kind: "number", integer: true, required: false });
    expect(child(field, "doubleOptIn")).toMatchObject({ kind: "checkbox", default: true });
    expect(child(field, "tags")).toMatchObject({ kind: "lines", required: false });
  });

  it("refuses shapes a form cannot express, naming where", () => {
    expect(() => describeSchema(z.object({ when: z.date() }))).toThrow(/"when"/);
    expect(() => describeSchema(z.object({ pair: z.tuple([z.string(), z.string()]) }))).toThrow(/tuple at "pair"/);
    expect(() => describeSchema(z.object({ either: z.union([z.string(), z.number()]) }))).toThrow(/"either"/);
    expect(() => describeSchema(z.union([z.object({ a: z.string() }), z.object({ b: z.string() })]))).toThrow(/union/);
  });
});

describe("readFormValue → schema", () => {
  it("applies the schema's defaults when optional inputs are left empty", () => {
    const { parsed } = roundTrip(hubspotSettings, [["settings.baseUrl", ""]]);
    expect(parsed.data).toEqual({ baseUrl: "https://api.hubapi.com", fields: [{ source: "email", property: "email", owner: "portico" }] });
  });

  it("reads mapping rows in order and drops the blank spare rows", () => {
    const { parsed } = roundTrip(hubspotSettings, [
      ["settings.baseUrl", " https://eu1.api.hubapi.com "],
      ["settings.fields.0.source", "email"],
      ["settings.fields.0.property", "email"],
      ["settings.fields.0.owner", "portico"],
      ["settings.fields.1.source", ""],
      ["settings.fields.1.property", ""],
      ["settings.fields.1.owner", ""],
      ["settings.fields.2.source", "firstName"],
      ["settings.fields.2.property", "firstname"],
      ["settings.fields.2.owner", "vendor"],
      ["settings.fields.3.source", ""],
      ["settings.fields.3.property", ""],
      ["settings.fields.3.owner", ""],
    ]);
    expect(parsed.data).toEqual({
      baseUrl: "https://eu1.api.hubapi.com",
      fields: [
        { source: "email", property: "email", owner: "portico" },
        { source: "firstName", property: "firstname", owner: "vendor" },
      ],
    });
  });

  it("puts a bad row's issues on that row's inputs", () => {
    const { errors } = roundTrip(hubspotSettings, [
      ["settings.fields.0.source", "email"],
      ["settings.fields.0.property", "Email Address"],
      ["settings.fields.0.owner", ""],
    ]);
    expect(errors).toEqual({
      "settings.fields.0.property": ["Use a HubSpot internal property name."],
      "settings.fields.0.owner": [expect.stringMatching(/portico/)],
    });
  });

  it("reads headers as pairs and applies the payload default", () => {
    const { parsed } = roundTrip(webhookSettings, [
      ["settings.endpointUrl", "https://crm.example/hooks/portico"],
      ["settings.payload", "full"],
      ["settings.pullApiBaseUrl", ""],
      ["settings.headers", "X-Team: guest-wifi\r\n\r\nAuthorization: Bearer a:b\n"],
    ]);
    expect(parsed.data).toEqual({ endpointUrl: "https://crm.example/hooks/portico", payload: "full", headers: { "X-Team": "guest-wifi", Authorization: "Bearer a:b" } });
  });

  it("places the object-level refinement and a pairs line without a colon on their inputs", () => {
    const { errors } = roundTrip(webhookSettings, [
      ["settings.endpointUrl", "not a url"],
      ["settings.payload", ""],
      ["settings.headers", "X-Team guest-wifi"],
    ]);
    expect(Object.keys(errors).sort()).toEqual(["settings.endpointUrl", "settings.headers"]);
    expect(errors["settings.headers"]).toEqual([expect.stringMatching(/^X-Team guest-wifi: /)]);
    // The refinement runs only once the object itself parses.
    const refined = roundTrip(webhookSettings, [["settings.endpointUrl", "https://crm.example/hooks"]]);
    expect(refined.errors).toEqual({ "settings.pullApiBaseUrl": ["A thin payload needs the pull API base URL."] });
  });

  it("coerces numbers and checkboxes", () => {
    const schema = z.object({ batchSize: z.number().int().min(1).optional(), doubleOptIn: z.boolean().default(true), archived: z.boolean().default(false) });
    expect(roundTrip(schema, [["settings.batchSize", "50"], ["settings.archived", "on"]]).parsed.data).toEqual({ batchSize: 50, doubleOptIn: false, archived: true });
    expect(roundTrip(schema, [["settings.batchSize", ""]]).parsed.data).toEqual({ doubleOptIn: false, archived: false });
    expect(roundTrip(schema, [["settings.batchSize", "0"]]).errors).toEqual({ "settings.batchSize": [expect.stringMatching(/>=1/)] });
  });

  it("leaves out an optional nested group left empty, and sends null for an empty nullable field", () => {
    const schema = z.object({ owner: z.object({ id: z.string().min(1), team: z.string().optional() }).optional(), note: z.string().nullable() });
    expect(roundTrip(schema, [["settings.owner.id", ""], ["settings.owner.team", ""], ["settings.note", ""]]).parsed.data).toEqual({ note: null });
    expect(roundTrip(schema, [["settings.owner.id", "42"], ["settings.note", "hi"]]).parsed.data).toEqual({ owner: { id: "42" }, note: "hi" });
  });

  it("reads only the chosen variant's inputs", () => {
    const field = describeSchema(hubspotSecrets, "secrets");
    const data = form([
      ["secrets.auth", "privateApp"],
      ["secrets.accessToken", "pat-eu1-123"],
      ["secrets.clientId", "left over"],
      ["secrets.clientSecret", ""],
      ["secrets.refreshToken", ""],
    ]);
    expect(hubspotSecrets.parse(readFormValue(field, data, "secrets", "secrets"))).toEqual({ auth: "privateApp", accessToken: "pat-eu1-123" });
  });

  it("puts a variant's issues on its inputs, for discriminated and plain unions alike", () => {
    const entries: [string, string][] = [
      ["secrets.auth", "oauth"],
      ["secrets.accessToken", ""],
      ["secrets.clientId", "app-1"],
    ];
    const plain = z.union(hubspotSecrets.options);
    for (const schema of [hubspotSecrets, plain]) {
      const field = describeSchema(schema, "secrets");
      const parsed = schema.safeParse(readFormValue(field, form(entries), "secrets", "secrets"));
      expect(Object.keys(fieldErrorsFor(field, parsed.error!, "secrets")).sort()).toEqual(["secrets.clientSecret", "secrets.refreshToken"]);
    }
  });

  it("reads a shared variant field for the variants that have it only", () => {
    const schema = z.discriminatedUnion("flow", [z.object({ flow: z.literal("jwt"), clientId: z.string() }), z.strictObject({ flow: z.literal("none") })]);
    const field = describeSchema(schema);
    expect(schema.parse(readFormValue(field, form([["s.flow", "none"], ["s.clientId", "x"]]), "s"))).toEqual({ flow: "none" });
  });

  it("answers undefined when no secret was typed, meaning keep the stored ones", () => {
    const field = describeSchema(hubspotSecrets, "secrets");
    const blank = form([
      ["secrets.auth", "oauth"],
      ["secrets.accessToken", ""],
      ["secrets.clientId", " "],
    ]);
    expect(readFormValue(field, blank, "secrets", "secrets")).toBeUndefined();
    expect(readFormValue(describeSchema(webhookSecrets, "secrets"), form([["secrets.signingSecrets", ""]]), "secrets", "secrets")).toBeUndefined();
  });

  it("reads signing secrets from several inputs of one name, and names the bad entry", () => {
    const field = describeSchema(webhookSecrets, "secrets");
    const data = form([
      ["secrets.signingSecrets", "whsec_new"],
      ["secrets.signingSecrets", ""],
      ["secrets.signingSecrets", "old"],
    ]);
    const parsed = webhookSecrets.safeParse(readFormValue(field, data, "secrets", "secrets"));
    expect(fieldErrorsFor(field, parsed.error!, "secrets")).toEqual({ "secrets.signingSecrets": ["Entry 2: Starts with whsec_."] });
    const four = form(["whsec_a", "whsec_b", "whsec_c", "whsec_d"].map((secret): [string, string] => ["secrets.signingSecrets", secret]));
    const tooMany = webhookSecrets.safeParse(readFormValue(field, four, "secrets", "secrets"));
    expect(Object.keys(fieldErrorsFor(field, tooMany.error!, "secrets"))).toEqual(["secrets.signingSecrets"]);
  });

  it("puts issues about the whole value on the prefix", () => {
    const schema = z.object({ a: z.string().optional(), b: z.string().optional() }).refine((value) => value.a || value.b, "Fill in a or b.");
    expect(roundTrip(schema, []).errors).toEqual({ settings: ["Fill in a or b."] });
  });
});

describe("fields Portico keeps itself", () => {
  it("are not drawn: a schema's readOnly properties (a cached access token) are never asked of staff", () => {
    const schema = z.object({ clientId: z.string().min(1), accessToken: z.string().optional().meta({ readOnly: true }) });
    const tree = describeSchema(schema, "secrets");
    expect(tree.kind === "group" && tree.fields.map((f) => f.key)).toEqual(["clientId"]);
  });
});
