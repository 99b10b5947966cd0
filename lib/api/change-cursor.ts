// The guest change feed's cursor: the (writing transaction, id) position of the last guest
// served, opaque to clients. docs/API.md explains why positions are transactions, not times.
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ChangePosition {
  tx: bigint;
  id: string;
}

export const feedStart: ChangePosition = { tx: 0n, id: "00000000-0000-0000-0000-000000000000" };

export function encodeChangeCursor(position: ChangePosition): string {
  return Buffer.from(`g1.${position.tx}.${position.id}`, "utf8").toString("base64url");
}

export function decodeChangeCursor(raw: string): ChangePosition | null {
  const [version, tx, id, extra] = Buffer.from(raw, "base64url").toString("utf8").split(".");
  if (version !== "g1" || !tx || !/^\d{1,19}$/.test(tx) || !id || !uuidPattern.test(id) || extra !== undefined) return null;
  return { tx: BigInt(tx), id };
}
