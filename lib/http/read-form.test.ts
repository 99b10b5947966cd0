import { describe, expect, it } from "vitest";

import { readUrlEncodedForm } from "./read-form";

const post = (body: BodyInit, type = "application/x-www-form-urlencoded", extra: Record<string, string> = {}) =>
  new Request("http://portal.test/p/demo/login", { method: "POST", body, headers: { "content-type": type, ...extra }, duplex: "half" } as RequestInit);

describe("readUrlEncodedForm", () => {
  it("reads a form post", async () => {
    const form = await readUrlEncodedForm(post("email=ana%40example.com&granted=a&granted=b"));
    expect(form).toBeInstanceOf(URLSearchParams);
    expect((form as URLSearchParams).getAll("granted")).toEqual(["a", "b"]);
    expect((form as URLSearchParams).get("email")).toBe("ana@example.com");
  });

  it("refuses a body larger than the limit, declared or not", async () => {
    expect(await readUrlEncodedForm(post("x=" + "y".repeat(100)), 50)).toBe("tooLarge");
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024).fill(0x61));
      },
    });
    expect(await readUrlEncodedForm(post(stream), 4096)).toBe("tooLarge");
  });

  it("refuses other content types", async () => {
    expect(await readUrlEncodedForm(post("{}", "application/json"))).toBe("unsupportedType");
  });
});
