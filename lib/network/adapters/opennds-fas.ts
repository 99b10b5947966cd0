// The arithmetic of openNDS's Forwarding Authentication Service (FAS), kept pure so it can be
// checked against vectors made by openNDS's own PHP (tests/fixtures/opennds/vectors.json).
// Sources: openNDS 9.10.0, src/http_microhttpd.c construct_querystring() and
// try_to_authenticate(), src/client_list.c client_reset(), src/main.c (gatewayhash); the Debian
// package's /etc/opennds/fas-hid.php, fas-aes.php and fas-aes-https.php;
// https://opennds.readthedocs.io/en/stable/fas.html
import { createDecipheriv, createHash } from "node:crypto";

/** openNDS joins its FAS query fields with this (QUERYSEPARATOR in src/common.h). */
const separator = ", ";
const hexDigest = /^[0-9a-f]{64}$/;
/** openNDS makes the IV as the first 16 hex digits of a sha256 (construct_querystring). */
const ivShape = /^[0-9a-f]{16}$/;
const base64Shape = /^[A-Za-z0-9+/]+={0,2}$/;

export type FasFields = Record<string, string>;

export type FasDecoding = { ok: true; fields: FasFields } | { ok: false; reason: string };

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * What openNDS expects back as `tok` (levels 1 and 2) or as the rhid of an authmon auth line
 * (level 3): sha256 of the hid followed by faskey, in lower-case hex. The hid itself is sha256 of
 * the client's token, so the token never leaves the gateway.
 */
export function returnHashId(hid: string, faskey: string): string {
  return sha256Hex(hid + faskey);
}

/**
 * openNDS's uh_urlencode (src/http_microhttpd_utils.c): every byte but letters, digits and
 * `-_.~` as `%xx` in lower-case hex. gatewayname, gatewayurl and originurl arrive encoded so.
 */
export function uhUrlEncode(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0")}`))
    .join("");
}

/**
 * authmon names its gateway in every POST by sha256 of the url-encoded gatewayname (src/main.c);
 * fas-aes-https.php computes the same from the gatewayname in the `fas` query.
 */
export function gatewayHash(gatewayName: string): string {
  return sha256Hex(uhUrlEncode(gatewayName).trim());
}

export function isHexDigest(value: string): boolean {
  return hexDigest.test(value);
}

/**
 * PHP's openssl_* functions pad a short passphrase with NUL bytes to the cipher's key length
 * (32 for AES-256) and cut a long one; openNDS and the example FAS both rely on that.
 */
export function faskeyBytes(faskey: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(faskey, "utf8").copy(key, 0, 0, 32);
  return key;
}

/**
 * The `fas` value as base64 bytes. openNDS puts raw base64 in its Location header, so a `+`
 * reaches a query parser as a space; a space is never base64, so it is put back.
 */
function base64Bytes(value: string): Buffer | null {
  const text = value.replace(/ /g, "+");
  if (text.length % 4 !== 0 || !base64Shape.test(text)) return null;
  return Buffer.from(text, "base64");
}

/**
 * Text openNDS wrote is printable: it url-encodes gatewayname, gatewayurl and originurl. CBC
 * carries no MAC, so this is what catches a tampered block: its 16 garbled bytes are almost
 * never all valid UTF-8 without control characters.
 */
function printableText(bytes: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return /[\u0000-\u001f\u007f-\u009f]/u.test(text) ? null : text;
}

/** `name=value, name=value, ` into fields; the first of a repeated name wins, as in the example FAS. */
export function parseFasQuery(text: string): FasFields {
  const fields: FasFields = {};
  for (const part of text.split(separator)) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at);
    if (!(name in fields)) fields[name] = part.slice(at + 1);
  }
  return fields;
}

/** Level 1: `fas` is the query string in base64 (fas-hid.php), signed by nothing. */
export function decodeLevel1(fas: string): FasDecoding {
  const bytes = base64Bytes(fas);
  if (!bytes) return { ok: false, reason: "fas is not base64" };
  const text = printableText(bytes);
  if (text === null) return { ok: false, reason: "fas does not decode to text" };
  return { ok: true, fields: parseFasQuery(text) };
}

/**
 * Levels 2 and 3: `fas` is base64 of openssl_encrypt()'s own base64 output (AES-256-CBC, PKCS#7),
 * `iv` the 16 ASCII hex characters used as the IV bytes (fas-aes.php decrypt_parse()).
 */
export function decryptLevel2(fas: string, iv: string, faskey: string): FasDecoding {
  if (!ivShape.test(iv)) return { ok: false, reason: "iv is not openNDS's 16 hex digits" };
  const outer = base64Bytes(fas);
  const inner = outer && base64Bytes(outer.toString("latin1"));
  if (!inner || inner.length === 0 || inner.length % 16 !== 0) return { ok: false, reason: "fas is not base64 of AES-256-CBC data" };
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-cbc", faskeyBytes(faskey), Buffer.from(iv, "latin1"));
    plain = Buffer.concat([decipher.update(inner), decipher.final()]);
  } catch {
    return { ok: false, reason: "fas does not decrypt with this faskey" };
  }
  const text = printableText(plain);
  if (text === null) return { ok: false, reason: "fas does not decrypt with this faskey" };
  return { ok: true, fields: parseFasQuery(text) };
}

/**
 * PHP's rawurlencode (RFC 3986): authmon turns each `%XX` back into a byte with printf, and the
 * example FAS encodes everything but letters, digits and `-_.~`.
 */
export function rawUrlEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One client's authmon auth line, as fas-aes-https.php authenticate_page() writes it. */
export interface AuthmonEntry {
  rhid: string;
  /** Minutes; 0 leaves openNDS's sessiontimeout. */
  sessionLength: number;
  /** kbit/s; 0 for no limit. */
  uploadRate: number;
  downloadRate: number;
  /** kB; 0 for no limit. */
  uploadQuota: number;
  downloadQuota: number;
  /** Base64; openNDS hands it to BinAuth and shows it in `ndsctl json`. */
  custom: string;
}

/**
 * authmon reads `${authlist:2:1024}`: whatever lies past 1024 characters after "* " is cut off,
 * so a list is never allowed to grow beyond that; the rest waits for the next poll.
 */
export const authmonListLimit = 1024;

/**
 * The body answering auth_get "view" (payload "none") or "list": "*" then, for each client, a
 * space and the rawurlencoded auth line, exactly as fas-aes-https.php auth_get() echoes it.
 * Returns the body and the entries it carries (those past authmon's limit are left for later).
 */
export function authmonListBody(entries: readonly AuthmonEntry[]): { body: string; sent: AuthmonEntry[] } {
  let list = "";
  const sent: AuthmonEntry[] = [];
  for (const entry of entries) {
    const line = [entry.rhid, entry.sessionLength, entry.uploadRate, entry.downloadRate, entry.uploadQuota, entry.downloadQuota, entry.custom].join(" ");
    const item = ` ${rawUrlEncode(line.trim())}`;
    if ((list + item).length - 1 > authmonListLimit) break;
    list += item;
    sent.push(entry);
  }
  return { body: `*${list}`, sent };
}

/**
 * The rhids in authmon's ack payload ("* rhid rhid …", base64 on the wire). Split on any
 * whitespace: authmon joins with spaces although the example FAS splits on newlines.
 */
export function parseAckList(decodedPayload: string): string[] {
  return decodedPayload
    .split(/\s+/)
    .map((item) => item.replace(/^[* ]+/, ""))
    .filter((item) => isHexDigest(item));
}

/** What Portico's tier asks of openNDS, in openNDS's units (fas-aes-https.php's quota block). */
export interface OpenndsLimits {
  sessionLength: number;
  uploadRate: number;
  downloadRate: number;
  uploadQuota: number;
  downloadQuota: number;
}

/**
 * A tier in openNDS's units: minutes, kbit/s and kB (1 MB = 1000 kB, as the example does), 0
 * where there is no limit. openNDS counts upload and download quotas apart, so a data
 * allowance caps each direction.
 */
export function openndsLimits(tier: { minutes: number; downKbps?: number; upKbps?: number; quotaMb?: number }): OpenndsLimits {
  const whole = (value: number | undefined, factor = 1) => (value && value > 0 ? Math.round(value * factor) : 0);
  return {
    sessionLength: whole(tier.minutes),
    uploadRate: whole(tier.upKbps),
    downloadRate: whole(tier.downKbps),
    uploadQuota: whole(tier.quotaMb, 1000),
    downloadQuota: whole(tier.quotaMb, 1000),
  };
}

/**
 * The `custom` string openNDS passes to BinAuth and shows in `ndsctl json`: base64 of
 * comma-space separated fields, like the example's "fullname=…, email=…". It names Portico's
 * session and carries the tier, which a BinAuth script can apply at levels 1 and 2, where the
 * auth URL has no place for limits.
 */
export function grantCustom(sessionId: string, limits: OpenndsLimits): string {
  const text = [
    `portico_session=${sessionId}`,
    `sessionlength=${limits.sessionLength}`,
    `uploadrate=${limits.uploadRate}`,
    `downloadrate=${limits.downloadRate}`,
    `uploadquota=${limits.uploadQuota}`,
    `downloadquota=${limits.downloadQuota}`,
  ].join(separator);
  return Buffer.from(text, "utf8").toString("base64");
}
