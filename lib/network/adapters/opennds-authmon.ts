// The FAS side of openNDS level 3: the gateway's authmon daemon (openNDS 9.10.0
// forward_authentication_service/libs/authmon.sh, posting through libs/post-request.php) polls
// Portico with a form POST of auth_get, gatewayhash and payload (base64). Answers follow
// /etc/opennds/fas-aes-https.php auth_get() byte for byte; tests/fixtures/opennds/vectors.json
// holds what that script answered.
import { authmonListBody, type AuthmonEntry, gatewayHash, grantCustom, openndsLimits, parseAckList } from "./opennds-fas";

/** A grant waiting for authmon: an access session with status PENDING on this gateway. */
export interface PendingGrant {
  sessionId: string;
  /** The return hash id: the adapter's grantParams.tok, kept as AccessSession.gatewaySessionId. */
  rhid: string;
  minutes: number;
  downKbps?: number;
  upKbps?: number;
  quotaMb?: number;
}

export interface AuthmonDependencies {
  /**
   * The grants waiting for this gateway, oldest first: access sessions whose status is PENDING
   * and whose gatewaySessionId holds the rhid. Must not change anything: authmon's "view" may
   * be repeated.
   */
  loadPending(gatewayId: string): Promise<PendingGrant[]>;
  /**
   * authmon has let these clients on (its ack list), or fetched them with "list": mark the
   * PENDING sessions of this gateway with these rhids GRANTED, once. rhids of other gateways or
   * of sessions no longer pending are ignored. Called at most once per request.
   */
  markCollected(gatewayId: string, rhids: string[]): Promise<void>;
  /**
   * openNDS has restarted (auth_get "clear"), so every grant still waiting is stale to it: end
   * this gateway's PENDING sessions (the guest must sign in again, as with the example FAS).
   */
  clearPending(gatewayId: string): Promise<void>;
  /** The gateway's BinAuth deauthenticated a client: end its session, with dwell time and bytes. */
  noteDeauthed?(gatewayId: string, notice: DeauthNotice): Promise<void>;
}

export interface AuthmonGateway {
  id: string;
  /** openNDS's gatewayname, if staff set it: then authmon must name this gateway. */
  gatewayName?: string;
}

export interface AuthmonReply {
  status: number;
  /** text/plain, as PHP's echo sends it. */
  body: string;
}

/** What openNDS's BinAuth (binauth_log.sh) reports when it deauthenticates a client, sent through authmon as "deauthed". */
export interface DeauthNotice {
  /** client_deauth, idle_deauth, timeout_deauth, downquota_deauth, upquota_deauth, ndsctl_deauth, shutdown_deauth. */
  method: string;
  clientMac: string | null;
  /** Bytes to the client (openNDS counts "incoming" by destination address). */
  bytesIncoming: number | null;
  /** Bytes from the client ("outgoing", by source address). */
  bytesOutgoing: number | null;
  /** Unix seconds. */
  sessionStart: number | null;
  /** Unix seconds: the session's scheduled end. */
  sessionEnd: number | null;
  /** When the notice was written (openNDS 10+ adds it), Unix seconds. */
  timestamp: number | null;
  /** Portico's access session, from the custom string Portico sent with the grant (grantCustom). */
  sessionId: string | null;
}

const noticeNumber = (value: string | undefined) => (value && /^\d{1,15}$/.test(value) ? Number(value) : null);

/**
 * Reads a deauthentication notice. openNDS 9.10's binauth_log.sh writes
 * `method=idle_deauth, clientmac=aa:…, bytes_incoming=…, bytes_outgoing=…, session_start=…,
 * session_end=…, token=…, custom=<base64>`; later versions quote method and clientmac and add
 * `timestamp=`. The custom string is last and may hold anything, so it is cut off first.
 */
export function parseDeauthNotice(text: string): DeauthNotice | null {
  const customAt = text.indexOf("custom=");
  const head = customAt >= 0 ? text.slice(0, customAt) : text;
  const custom = customAt >= 0 ? text.slice(customAt + "custom=".length).trim().replace(/^"|"$/g, "") : "";
  const fields = new Map<string, string>();
  for (const match of head.matchAll(/([a-z_]+)=("([^"]*)"|[^,]*)/g)) fields.set(match[1]!, (match[3] ?? match[2]!).trim());
  const method = fields.get("method");
  if (!method || !/^[a-z]+_deauth$/.test(method)) return null;
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(custom) ? Buffer.from(custom, "base64").toString("utf8") : custom;
  const session = /(?:^|, )portico_session=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:,|$)/i.exec(decoded);
  return {
    method,
    clientMac: fields.get("clientmac") ?? null,
    bytesIncoming: noticeNumber(fields.get("bytes_incoming")),
    bytesOutgoing: noticeNumber(fields.get("bytes_outgoing")),
    sessionStart: noticeNumber(fields.get("session_start")),
    sessionEnd: noticeNumber(fields.get("session_end")),
    timestamp: noticeNumber(fields.get("timestamp")),
    sessionId: session ? session[1]!.toLowerCase() : null,
  };
}

const actions = new Set(["list", "view", "clear", "deauthed", "custom"]);

function base64Text(value: string): string | null {
  // http_build_query leaves base64's "+" encoded, so it arrives intact.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  return Buffer.from(value, "base64").toString("utf8");
}

/** The auth line for one pending grant, in openNDS's units. */
export function authmonEntry(grant: PendingGrant): AuthmonEntry {
  const limits = openndsLimits(grant);
  return { rhid: grant.rhid, ...limits, custom: grantCustom(grant.sessionId, limits) };
}

/**
 * Answers one authmon POST (its form fields already parsed). What authmon does with each answer:
 *   view, payload "none" -> "* line line …" (nothing changes; it runs `ndsctl auth` per line)
 *   view, payload acks    -> "ack" (the acked rhids are granted)
 *   list                  -> the list, and everything on it counts as collected
 *   clear                 -> "" (stale grants dropped: openNDS has just started)
 *   deauthed, custom      -> "ack"
 * A gatewayhash that is not this gateway's gets 403, which authmon logs as an ERROR.
 */
export async function answerAuthmon(gateway: AuthmonGateway, form: URLSearchParams, deps: AuthmonDependencies): Promise<AuthmonReply> {
  const action = form.get("auth_get");
  const hash = form.get("gatewayhash");
  if (!action || !actions.has(action) || !hash) return { status: 400, body: "" };
  if (gateway.gatewayName !== undefined && hash !== gatewayHash(gateway.gatewayName)) return { status: 403, body: "" };
  const payload = base64Text(form.get("payload") ?? "");
  if (payload === null) return { status: 400, body: "" };

  if (action === "deauthed") {
    const notice = parseDeauthNotice(payload);
    if (notice) await deps.noteDeauthed?.(gateway.id, notice);
    return { status: 200, body: "ack" };
  }
  if (action === "custom") return { status: 200, body: "ack" };
  if (action === "clear") {
    await deps.clearPending(gateway.id);
    return { status: 200, body: "" };
  }
  if (action === "view" && payload !== "none") {
    const acked = parseAckList(payload);
    if (acked.length > 0) await deps.markCollected(gateway.id, acked);
    return { status: 200, body: "ack" };
  }
  const { body, sent } = authmonListBody((await deps.loadPending(gateway.id)).map(authmonEntry));
  if (action === "list" && sent.length > 0) await deps.markCollected(gateway.id, sent.map((entry) => entry.rhid));
  return { status: 200, body };
}
