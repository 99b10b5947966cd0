import { describe, expect, it } from "vitest";

import { decodeCursor, encodeCursor, readPageRequest, toPage } from "./keyset-cursor";
import { pageHref } from "./query-params";

const at = new Date("2026-03-01T10:00:00.123Z");
const uuid = "0190f3c4-0000-7000-8000-000000000001";

describe("page cursors", () => {
  it("round-trip a timestamp to the millisecond and an id", () => {
    expect(decodeCursor(encodeCursor({ at, id: uuid }), "uuid")).toEqual({ at, id: uuid });
    expect(decodeCursor(encodeCursor({ at, id: "42" }), "serial")).toEqual({ at, id: "42" });
  });

  it("refuse anything that is not exactly what the app wrote", () => {
    const bad = [
      "",
      "garbage",
      encodeCursor({ at, id: "42" }), // a serial where a UUID belongs
      Buffer.from(`${at.toISOString()}|${uuid}|extra`).toString("base64url"),
      Buffer.from(`2026-03-01|${uuid}`).toString("base64url"), // not the canonical ISO form
      Buffer.from(`${at.toISOString()}|${uuid}' OR '1'='1`).toString("base64url"),
    ];
    for (const raw of bad) expect(decodeCursor(raw, "uuid"), raw).toBeNull();
    expect(decodeCursor(encodeCursor({ at, id: uuid }), "serial")).toBeNull();
  });

  it("read the direction from older/newer parameters, with an optional prefix", () => {
    const cursor = encodeCursor({ at, id: "7" });
    expect(readPageRequest({}, { size: 5, idKind: "serial" })).toEqual({ cursor: null, direction: "older", size: 5, invalid: false });
    expect(readPageRequest({ "events-newer": cursor }, { size: 5, idKind: "serial", prefix: "events-" })).toMatchObject({ direction: "newer", invalid: false });
    expect(readPageRequest({ older: "junk" }, { size: 5, idKind: "serial" })).toMatchObject({ cursor: null, invalid: true });
  });
});

describe("toPage", () => {
  const rows = (ids: number[]) => ids.map((id) => ({ id: String(id), at: new Date(Date.UTC(2026, 0, 1, 0, id)) }));
  const key = (r: { id: string; at: Date }) => r;

  it("links to older rows only when an extra row was fetched, and to newer rows only past the first page", () => {
    const first = toPage(rows([9, 8, 7]), { cursor: null, direction: "older", size: 2 }, key);
    expect(first.items.map((r) => r.id)).toEqual(["9", "8"]);
    expect(decodeCursor(first.older!, "serial")!.id).toBe("8");
    expect(first.newer).toBeUndefined();

    const last = toPage(rows([7]), { cursor: { at, id: "8" }, direction: "older", size: 2 }, key);
    expect(last.older).toBeUndefined();
    expect(decodeCursor(last.newer!, "serial")!.id).toBe("7");
  });

  it("walking back up returns rows newest first, with a newer link only if more remain", () => {
    const back = toPage(rows([8, 9, 10]), { cursor: { at, id: "7" }, direction: "newer", size: 2 }, key);
    expect(back.items.map((r) => r.id)).toEqual(["9", "8"]);
    expect(decodeCursor(back.newer!, "serial")!.id).toBe("9");
    expect(decodeCursor(back.older!, "serial")!.id).toBe("8");
    const top = toPage(rows([8, 9]), { cursor: { at, id: "7" }, direction: "newer", size: 2 }, key);
    expect(top.newer).toBeUndefined();
  });
});

describe("pageHref", () => {
  it("keeps filters and other lists' positions, and replaces only this list's cursor", () => {
    const params = { q: "ana", "visits-older": "V", "events-newer": "OLD", "events-older": "OLD2" };
    expect(pageHref("/admin/guests/x", params, { older: "NEW" }, { prefix: "events-", hash: "#events" })).toBe(
      "/admin/guests/x?q=ana&visits-older=V&events-older=NEW#events",
    );
    expect(pageHref("/admin/guests", params, {})).toBeUndefined();
  });
});
