import { randomBytes } from "node:crypto";

import { describe, expect, it } from "vitest";

import { isSealedWithCurrentKey, openSecrets, resealSecrets, sealedKeyId, sealSecrets, SecretBoxError, secretKey, type SecretKeys } from "./secret-box";

const credentials = { accessToken: "pat-eu1-0f1e2d3c", refreshToken: "r-9a8b7c", expiresAt: "2026-08-01T10:00:00.000Z", scopes: ["crm.objects.contacts.write"] };
const keyA = secretKey(randomBytes(32));
const keyB = secretKey(randomBytes(32));
const onlyA: SecretKeys = { current: keyA };

function failureOf(open: () => unknown): SecretBoxError["failure"] | "opened" {
  try {
    open();
    return "opened";
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    return (error as SecretBoxError).failure;
  }
}

describe("sealSecrets / openSecrets", () => {
  it("round-trips any JSON value, and never shows it in the envelope", () => {
    const sealed = sealSecrets(credentials, onlyA, "connector:7f3a");
    expect(openSecrets(sealed, onlyA, "connector:7f3a")).toEqual(credentials);
    expect(sealed.toString("latin1")).not.toContain("pat-eu1");
    expect(openSecrets(sealSecrets(["whsec_a", "whsec_b"], onlyA, "c"), onlyA, "c")).toEqual(["whsec_a", "whsec_b"]);
    expect(openSecrets(sealSecrets("ünïcödé ✓", onlyA, "c"), onlyA, "c")).toBe("ünïcödé ✓");
  });

  it("writes the versioned envelope: format byte, key id, 12-byte IV, ciphertext, 16-byte tag", () => {
    const json = JSON.stringify(credentials);
    const sealed = sealSecrets(credentials, onlyA, "c");
    expect(sealed[0]).toBe(0x01);
    expect(sealedKeyId(sealed).equals(keyA.id)).toBe(true);
    expect(sealed.length).toBe(1 + 4 + 12 + Buffer.byteLength(json) + 16);
  });

  it("uses a fresh IV each time: the same value never seals to the same bytes", () => {
    const first = sealSecrets(credentials, onlyA, "c");
    const second = sealSecrets(credentials, onlyA, "c");
    expect(first.subarray(5, 17).equals(second.subarray(5, 17))).toBe(false);
    expect(first.equals(second)).toBe(false);
  });

  it("refuses an envelope with any single byte flipped, wherever it is", () => {
    const sealed = sealSecrets(credentials, onlyA, "connector:7f3a");
    const failures = new Set<string>();
    for (let index = 0; index < sealed.length; index++) {
      const tampered = Buffer.from(sealed);
      tampered[index] = tampered[index]! ^ 0x01;
      const failure = failureOf(() => openSecrets(tampered, onlyA, "connector:7f3a"));
      expect(failure, `byte ${index}`).not.toBe("opened");
      failures.add(failure);
    }
    // The format byte, the key id, and everything GCM authenticates.
    expect([...failures].sort()).toEqual(["malformed", "unauthentic", "unknownKey"]);
  });

  it("refuses a truncated or extended envelope", () => {
    const sealed = sealSecrets(credentials, onlyA, "c");
    expect(failureOf(() => openSecrets(sealed.subarray(0, sealed.length - 1), onlyA, "c"))).toBe("unauthentic");
    expect(failureOf(() => openSecrets(Buffer.concat([sealed, Buffer.of(0)]), onlyA, "c"))).toBe("unauthentic");
    expect(failureOf(() => openSecrets(sealed.subarray(0, 20), onlyA, "c"))).toBe("malformed");
    expect(failureOf(() => openSecrets(Buffer.alloc(0), onlyA, "c"))).toBe("malformed");
  });

  it("binds the envelope to its context: another row's blob does not open", () => {
    const sealed = sealSecrets(credentials, onlyA, "connector:7f3a");
    expect(failureOf(() => openSecrets(sealed, onlyA, "connector:7f3b"))).toBe("unauthentic");
    expect(() => sealSecrets(credentials, onlyA, "")).toThrow(/context/);
  });

  it("refuses a wrong key: one it does not know by id, and one that claims another's id", () => {
    const sealed = sealSecrets(credentials, onlyA, "c");
    const error = (() => {
      try {
        openSecrets(sealed, { current: keyB }, "c");
      } catch (caught) {
        return caught as SecretBoxError;
      }
    })();
    expect(error?.failure).toBe("unknownKey");
    expect(error?.message).toContain("neither PORTICO_SECRET_KEY");
    expect(error?.message).not.toContain(keyA.key.toString("base64"));
    const impostor = { id: keyA.id, key: keyB.key };
    expect(failureOf(() => openSecrets(sealed, { current: impostor }, "c"))).toBe("unauthentic");
  });

  it("refuses what JSON cannot hold", () => {
    expect(() => sealSecrets(undefined, onlyA, "c")).toThrow(/JSON/);
  });
});

describe("key rotation", () => {
  it("opens what the previous key sealed, seals only with the current one, and re-seals on request", () => {
    const beforeRotation: SecretKeys = { current: keyA };
    const afterRotation: SecretKeys = { current: keyB, previous: keyA };
    const sealedBefore = sealSecrets(credentials, beforeRotation, "connector:1");

    expect(openSecrets(sealedBefore, afterRotation, "connector:1")).toEqual(credentials);
    expect(isSealedWithCurrentKey(sealedBefore, afterRotation)).toBe(false);
    expect(isSealedWithCurrentKey(sealSecrets(credentials, afterRotation, "connector:1"), afterRotation)).toBe(true);

    const resealed = resealSecrets(sealedBefore, afterRotation, "connector:1");
    expect(sealedKeyId(resealed).equals(keyB.id)).toBe(true);
    expect(isSealedWithCurrentKey(resealed, afterRotation)).toBe(true);
    // Once the previous key is retired, only the re-sealed copy still opens.
    expect(openSecrets(resealed, { current: keyB }, "connector:1")).toEqual(credentials);
    expect(failureOf(() => openSecrets(sealedBefore, { current: keyB }, "connector:1"))).toBe("unknownKey");
  });

  it("keeps the context through a re-seal", () => {
    const resealed = resealSecrets(sealSecrets(credentials, { current: keyA }, "connector:1"), { current: keyB, previous: keyA }, "connector:1");
    expect(failureOf(() => openSecrets(resealed, { current: keyB }, "connector:2"))).toBe("unauthentic");
  });
});

describe("secretKey", () => {
  it("refuses any length but 32 bytes", () => {
    for (const length of [0, 16, 24, 31, 33, 64]) {
      expect(() => secretKey(randomBytes(length)), `${length} bytes`).toThrow(/exactly 32 bytes/);
    }
  });

  it("names a key by a stable 4-byte id that differs between keys", () => {
    const bytes = randomBytes(32);
    expect(secretKey(bytes).id.equals(secretKey(Buffer.from(bytes)).id)).toBe(true);
    expect(secretKey(bytes).id).toHaveLength(4);
    expect(keyA.id.equals(keyB.id)).toBe(false);
  });
});
