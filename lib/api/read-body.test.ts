import { describe, expect, it } from "vitest";

import { ApiProblem } from "./problem";
import { jsonDepth, maxBodyBytes, readJsonBody } from "./read-body";

const nest = (levels: number): unknown => (levels === 0 ? 1 : { a: nest(levels - 1) });
const post = (body: string, type = "application/json") => new Request("http://x.invalid/", { method: "PUT", body, headers: { "content-type": type } });

describe("reading JSON bodies", () => {
  it("measures nesting: a scalar is 0, each object or array one more", () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: [] }] })).toBe(4);
    expect(jsonDepth(nest(8))).toBe(8);
  });

  it("accepts 8 levels and refuses 9, a body past the limit, text that is not JSON and other media types", async () => {
    await expect(readJsonBody(post(JSON.stringify(nest(8))), ["application/json"])).resolves.toEqual(nest(8));
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: ApiProblem) => e.type);
    expect(await refusal(readJsonBody(post(JSON.stringify(nest(9))), ["application/json"]))).toBe("unprocessable");
    expect(await refusal(readJsonBody(post(`"${"x".repeat(maxBodyBytes)}"`), ["application/json"]))).toBe("tooLarge");
    expect(await refusal(readJsonBody(post("{"), ["application/json"]))).toBe("invalidJson");
    expect(await refusal(readJsonBody(post("{}", "text/plain"), ["application/json"]))).toBe("unsupportedMediaType");
    expect(await refusal(readJsonBody(post("{}", "application/merge-patch+json; charset=utf-8"), ["application/merge-patch+json"]))).toBeNull();
  });
});
