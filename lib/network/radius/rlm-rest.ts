// FreeRADIUS's rlm_rest speaks JSON in both directions (mods-available/rest in Debian's
// freeradius package documents the format). A request body holds every attribute of the RADIUS
// request as `{"<Attribute>": {"type": "<type>", "value": [<value>, …]}}`; an answer sets
// attributes as `{"<list>:<Attribute>": <value>}` (reply: goes back to the NAS, control: steers
// FreeRADIUS itself, e.g. the password PAP or CHAP checks against). The HTTP status is the
// module's verdict: 2xx ok/updated, 401 reject (the body is still read), 404 notfound, 5xx fail.
import { z } from "zod";

/** One attribute as rlm_rest sends it; enumerated values arrive by name ("Start", "Stop"). */
const attributeSchema = z.object({
  type: z.string().max(32).optional(),
  value: z.array(z.union([z.string().max(4096), z.number(), z.boolean()])).max(64),
});

/** Bounded: a request body is a few dozen attributes, never more than 256 of them. */
export const rlmRestRequestSchema = z.record(z.string().min(1).max(128), attributeSchema).refine((body) => Object.keys(body).length <= 256, "too many attributes");

/** The request's attributes by name, each as its first value in text (what Portico reads is single-valued). */
export type RadiusAttributes = ReadonlyMap<string, string>;

export type RadiusRequestReading = { ok: true; attributes: RadiusAttributes } | { ok: false; reason: string };

/** Reads an rlm_rest JSON body; anything else is refused with a reason for the log. */
export function readRlmRestBody(body: unknown): RadiusRequestReading {
  const parsed = rlmRestRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: `not an rlm_rest JSON body: ${parsed.error.issues[0]?.message ?? "invalid"}` };
  const attributes = new Map<string, string>();
  for (const [name, attribute] of Object.entries(parsed.data)) {
    const first = attribute.value[0];
    if (first !== undefined) attributes.set(name, String(first));
  }
  return { ok: true, attributes };
}

/** Attributes Portico answers with: `reply:` for the NAS, `control:` for FreeRADIUS. */
export type RadiusAnswerAttributes = Record<`reply:${string}` | `control:${string}`, string | number>;

/** An integer attribute (Acct-Session-Time, octet counters…), or null when absent or not a non-negative integer. */
export function integerAttribute(attributes: RadiusAttributes, name: string): number | null {
  const text = attributes.get(name);
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/** RFC 2869 octet counters: the 32-bit count plus 2^32 per gigaword. */
export function octets(attributes: RadiusAttributes, counter: "Input" | "Output"): number | null {
  const low = integerAttribute(attributes, `Acct-${counter}-Octets`);
  if (low === null) return null;
  const gigawords = integerAttribute(attributes, `Acct-${counter}-Gigawords`) ?? 0;
  return gigawords * 2 ** 32 + low;
}
