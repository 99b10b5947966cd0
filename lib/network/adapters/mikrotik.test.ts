import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { chapResponse, decodeChapValue } from "./mikrotik";

const one = { min: 1, max: 1 };
const sixteen = { min: 16, max: 16 };

describe("decodeChapValue", () => {
  it("reads RouterOS's octal escapes byte for byte (the manual's own example)", () => {
    expect(decodeChapValue("\\371", one)).toBe("f9");
    expect(decodeChapValue("\\357\\015\\330\\013\\021\\234\\145\\245\\303\\253\\142\\246\\133\\175\\375\\316", sixteen)).toBe("ef0dd80b119c65a5c3ab62a65b7dfdce");
  });
  it("reads hex, as Portico's login.html sends it", () => {
    expect(decodeChapValue("EF0DD80B119C65A5C3AB62A65B7DFDCE", sixteen)).toBe("ef0dd80b119c65a5c3ab62a65b7dfdce");
  });
  it.each(["", "\\400", "\\37", "zz", "f", "\\371x", "f9f9"])("refuses %j as a one-byte chap-id", (value) => {
    expect(decodeChapValue(value, one)).toBeNull();
  });
});

describe("chapResponse", () => {
  it("is md5 over chap-id, password and challenge bytes, as md5.js hexMD5 computes it", () => {
    const id = Buffer.from([0xf9]);
    const challenge = Buffer.from("ef0dd80b119c65a5c3ab62a65b7dfdce", "hex");
    const expected = createHash("md5").update(Buffer.concat([id, Buffer.from("secret"), challenge])).digest("hex");
    expect(chapResponse("f9", "secret", challenge.toString("hex"))).toBe(expected);
    expect(chapResponse("f8", "secret", challenge.toString("hex"))).not.toBe(expected);
  });
});
