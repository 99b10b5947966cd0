import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";

import { generateWebhookSecret, guestUrl, webhookSecretsSchema, webhookSettingsSchema, webhookSignature } from "./webhook";

const settings = (values: Record<string, unknown>) => webhookSettingsSchema.safeParse({ pullApiBaseUrl: "https://wifi.example.com", ...values });
const issues = (values: Record<string, unknown>) => {
  const result = settings(values);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("webhookSignature", () => {
  it("matches the Standard Webhooks libraries' published test vector", () => {
    // libraries/javascript/src/webhook.test.ts in standard-webhooks/standard-webhooks.
    expect(webhookSignature(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("lists one v1 signature per secret, space-separated, each the library's own", () => {
    const secrets = [generateWebhookSecret(), generateWebhookSecret()];
    const body = JSON.stringify({ type: "guest.consented", data: { note: "ünïcödé" } });
    const header = webhookSignature(secrets, "msg_1", 1_700_000_000, body);
    expect(header.split(" ")).toEqual(secrets.map((secret) => new Webhook(secret).sign("msg_1", new Date(1_700_000_000_000), body)));
  });
});

describe("webhookSettingsSchema", () => {
  it("defaults to the thin payload and no extra headers", () => {
    expect(settings({ endpointUrl: "https://hooks.sponsor.example/portico" }).data).toEqual({
      endpointUrl: "https://hooks.sponsor.example/portico",
      pullApiBaseUrl: "https://wifi.example.com",
      payload: "thin",
      headers: {},
    });
  });

  it("wants https, allowing http only to this machine", () => {
    expect(issues({ endpointUrl: "http://hooks.sponsor.example/portico" })).toEqual([expect.stringMatching(/^endpointUrl: must start with https:\/\//)]);
    expect(issues({ endpointUrl: "ftp://hooks.sponsor.example/portico" })).not.toEqual([]);
    for (const local of ["http://127.0.0.1:4010/hooks", "http://localhost:4010/hooks", "http://[::1]:4010/hooks"]) expect(issues({ endpointUrl: local }), local).toEqual([]);
    expect(issues({ endpointUrl: "http://127.0.0.1.example.com/hooks" })).not.toEqual([]);
    expect(issues({ endpointUrl: "https://user:pass@hooks.sponsor.example/" })).toEqual([expect.stringContaining("user name or password")]);
    expect(issues({ endpointUrl: "https://hooks.sponsor.example/", pullApiBaseUrl: "http://wifi.example.com" })).toEqual([expect.stringMatching(/^pullApiBaseUrl: must start with https/)]);
  });

  it("needs Portico's public address for thin payloads only", () => {
    expect(webhookSettingsSchema.safeParse({ endpointUrl: "https://hooks.sponsor.example/" }).error?.issues.map((issue) => issue.path.join("."))).toEqual(["pullApiBaseUrl"]);
    expect(webhookSettingsSchema.safeParse({ endpointUrl: "https://hooks.sponsor.example/", payload: "full" }).success).toBe(true);
  });

  it("refuses custom headers Portico sets itself or HTTP would not carry", () => {
    expect(issues({ endpointUrl: "https://h.example/", headers: { "X-Tenant": "harbour" } })).toEqual([]);
    for (const name of ["webhook-signature", "Webhook-Id", "Content-Type", "host", "bad header"]) {
      expect(issues({ endpointUrl: "https://h.example/", headers: { [name]: "x" } }), name).not.toEqual([]);
    }
    expect(issues({ endpointUrl: "https://h.example/", headers: { "X-Tenant": "a\r\nX-Injected: 1" } })).toEqual([expect.stringContaining("printable ASCII")]);
  });
});

describe("webhookSecretsSchema", () => {
  it("takes one to three distinct whsec_ secrets of 24 to 64 bytes", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretsSchema.safeParse({ signingSecrets: [secret] }).success).toBe(true);
    expect(webhookSecretsSchema.safeParse({ signingSecrets: [secret, generateWebhookSecret()] }).success).toBe(true);
    expect(webhookSecretsSchema.safeParse({ signingSecrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] }).success).toBe(true);
  });

  it("refuses an empty list, repeats, other prefixes and secrets too short or too long", () => {
    const secret = generateWebhookSecret();
    for (const signingSecrets of [
      [],
      [secret, secret],
      [secret.replace("whsec_", "whsk_")],
      [`whsec_${Buffer.alloc(16, 1).toString("base64")}`],
      [`whsec_${Buffer.alloc(65, 1).toString("base64")}`],
      ["whsec_not base64!"],
    ]) {
      expect(webhookSecretsSchema.safeParse({ signingSecrets }).success, JSON.stringify(signingSecrets)).toBe(false);
    }
  });
});

describe("guestUrl", () => {
  it("points at the pull API's guest, whatever trailing slash the base has", () => {
    expect(guestUrl("https://wifi.example.com/", "0197a3c2-0000-7000-8000-000000000001")).toBe("https://wifi.example.com/api/v1/guests/0197a3c2-0000-7000-8000-000000000001");
    expect(guestUrl("https://example.com/portico", "g")).toBe("https://example.com/portico/api/v1/guests/g");
  });
});
