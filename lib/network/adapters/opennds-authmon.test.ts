import { describe, expect, it, vi } from "vitest";

import vectors from "@/tests/fixtures/opennds/vectors.json";

import { answerAuthmon, type AuthmonDependencies } from "./opennds-authmon";

const v = vectors.level3;
const form = (auth_get: string, payload: string, gatewayhash = v.gatewayhash) =>
  new URLSearchParams({ auth_get, gatewayhash, payload: Buffer.from(payload).toString("base64") });

function deps(): AuthmonDependencies & { [K in "loadPending" | "markCollected" | "clearPending"]: ReturnType<typeof vi.fn> } {
  return {
    loadPending: vi.fn(async () => [{ sessionId: "s", rhid: v.rhid, minutes: 90, downKbps: 2000, upKbps: 500, quotaMb: 250 }]),
    markCollected: vi.fn(async () => undefined),
    clearPending: vi.fn(async () => undefined),
  };
}

describe("answerAuthmon, as fas-aes-https.php answers authmon", () => {
  const gateway = { id: "g", gatewayName: v.gatewayname };

  it("answers an ack with 'ack' and marks the acked rhids collected", async () => {
    const d = deps();
    expect(await answerAuthmon(gateway, form("view", v.authmon[1]!.payload), d)).toEqual({ status: 200, body: v.authmon[1]!.response });
    expect(d.markCollected).toHaveBeenCalledWith("g", [v.rhid]);
  });

  it("answers clear with an empty body and drops what is pending", async () => {
    const d = deps();
    expect(await answerAuthmon(gateway, form("clear", "none"), d)).toEqual({ status: 200, body: v.authmon[3]!.response });
    expect(d.clearPending).toHaveBeenCalledWith("g");
  });

  it("lists without collecting on view, and collects on list", async () => {
    const d = deps();
    const view = await answerAuthmon(gateway, form("view", "none"), d);
    expect(view.body.startsWith(`* ${v.rhid}%2090%20500%202000%20250000%20250000%20`)).toBe(true);
    expect(d.markCollected).not.toHaveBeenCalled();
    expect((await answerAuthmon(gateway, form("list", "none"), d)).body).toBe(view.body);
    expect(d.markCollected).toHaveBeenCalledWith("g", [v.rhid]);
  });

  it("refuses another gateway's hash, unknown actions and malformed payloads", async () => {
    const d = deps();
    expect((await answerAuthmon(gateway, form("view", "none", "0".repeat(64)), d)).status).toBe(403);
    expect((await answerAuthmon(gateway, form("steal", "none"), d)).status).toBe(400);
    expect((await answerAuthmon(gateway, new URLSearchParams({ auth_get: "view", gatewayhash: v.gatewayhash, payload: "!!" }), d)).status).toBe(400);
    expect(d.loadPending).not.toHaveBeenCalled();
  });
});
