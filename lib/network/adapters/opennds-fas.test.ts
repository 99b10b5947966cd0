import { describe, expect, it } from "vitest";

import vectors from "@/tests/fixtures/opennds/vectors.json";

import { authmonListBody, decodeLevel1, decryptLevel2, gatewayHash, parseAckList, parseFasQuery, rawUrlEncode, returnHashId, sha256Hex, uhUrlEncode } from "./opennds-fas";

describe("openNDS FAS maths against the Debian package's example FAS scripts", () => {
  it("computes the hid from the client token and tok as the example scripts do", () => {
    expect(sha256Hex(vectors.level1.token)).toBe(vectors.level1.hid);
    expect(returnHashId(vectors.level1.hid, vectors.level1.faskey)).toBe(vectors.level1.tok);
    for (const vector of vectors.level2) expect(returnHashId(vector.hid, vector.faskey)).toBe(vector.tok);
  });

  it("decodes level 1's base64 query into openNDS's fields", () => {
    const decoding = decodeLevel1(vectors.level1.fas);
    expect(decoding).toEqual({ ok: true, fields: parseFasQuery(vectors.level1.plaintext) });
    if (decoding.ok) expect(decoding.fields.hid).toBe(vectors.level1.hid);
  });

  it("decrypts level 2 for short, 16-character and 32-character faskeys", () => {
    for (const vector of vectors.level2) {
      const decoding = decryptLevel2(vector.fas, vector.iv, vector.faskey);
      expect(decoding).toEqual({ ok: true, fields: parseFasQuery(vector.plaintext) });
    }
  });

  it("reads a fas whose '+' became a space in the query string", () => {
    const fas = Buffer.from(`${vectors.level1.plaintext}note=>>>, `).toString("base64");
    expect(fas).toContain("+");
    const decoding = decodeLevel1(fas.replace(/\+/g, " "));
    expect(decoding.ok && decoding.fields.note).toBe(">>>");
  });

  it("refuses a wrong key, a tampered fas or iv, and malformed base64", () => {
    const vector = vectors.level2[1]!;
    expect(decryptLevel2(vector.fas, vector.iv, "WrongKey12345678").ok).toBe(false);
    const inner = Buffer.from(vector.fas, "base64");
    const flipped = Buffer.from(Buffer.from(inner.toString(), "base64").map((byte, index) => (index === 40 ? byte ^ 0x01 : byte)));
    const tampered = Buffer.from(flipped.toString("base64")).toString("base64");
    expect(decryptLevel2(tampered, vector.iv, vector.faskey).ok).toBe(false);
    expect(decryptLevel2(vector.fas, vector.iv.replace(/^./, (c) => (c === "0" ? "1" : "0")), vector.faskey)).not.toEqual(
      decryptLevel2(vector.fas, vector.iv, vector.faskey),
    );
    expect(decryptLevel2("not base64!", vector.iv, vector.faskey).ok).toBe(false);
    expect(decryptLevel2(vector.fas.slice(0, -3), vector.iv, vector.faskey).ok).toBe(false);
    expect(decryptLevel2(vector.fas, "short", vector.faskey).ok).toBe(false);
    expect(decodeLevel1("%%%").ok).toBe(false);
    expect(decodeLevel1(Buffer.from([0xff, 0x00, 0x10]).toString("base64")).ok).toBe(false);
  });

  it("names the gateway for authmon as openNDS does, from its url-encoded gatewayname", () => {
    expect(uhUrlEncode(vectors.level3.gatewayname)).toBe(parseFasQuery(vectors.level3.plaintext).gatewayname);
    expect(gatewayHash(vectors.level3.gatewayname)).toBe(vectors.level3.gatewayhash);
    expect(returnHashId(vectors.level3.hid, vectors.level3.faskey)).toBe(vectors.level3.rhid);
  });

  it("answers authmon's view with the auth list fas-aes-https.php sends", () => {
    const [rhid, sessionLength, uploadRate, downloadRate, uploadQuota, downloadQuota, custom] = vectors.level3.authLine.trim().split(" ");
    const entry = {
      rhid: rhid!,
      sessionLength: Number(sessionLength),
      uploadRate: Number(uploadRate),
      downloadRate: Number(downloadRate),
      uploadQuota: Number(uploadQuota),
      downloadQuota: Number(downloadQuota),
      custom: custom!,
    };
    expect(authmonListBody([entry]).body).toBe(vectors.level3.authmon[0]!.response);
    expect(authmonListBody([]).body).toBe(vectors.level3.authmon[2]!.response);
    expect(rawUrlEncode("a b+c/d=e!'()*~")).toBe("a%20b%2Bc%2Fd%3De%21%27%28%29%2A~");
  });

  it("keeps the list within the 1024 characters authmon reads", () => {
    const entry = (n: number) => ({ rhid: sha256Hex(String(n)), sessionLength: 60, uploadRate: 0, downloadRate: 0, uploadQuota: 0, downloadQuota: 0, custom: "Y3VzdG9t" });
    const { body, sent } = authmonListBody(Array.from({ length: 40 }, (_, n) => entry(n)));
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(40);
    expect(body.slice(2).length).toBeLessThanOrEqual(1024);
    expect(body.split(" ").length - 1).toBe(sent.length);
  });

  it("reads authmon's ack list however it is separated", () => {
    const a = sha256Hex("a");
    const b = sha256Hex("b");
    expect(parseAckList(`* ${a} ${b}`)).toEqual([a, b]);
    expect(parseAckList(`* ${a}\n${b}\n`)).toEqual([a, b]);
    expect(parseAckList("*")).toEqual([]);
  });
});
