// The one interface every gateway or controller implements (openNDS, Meraki, UniFi, MikroTik,
// Cisco WLC, Aruba, "none"): one small module per vendor in ./adapters, one line in
// ./registry.ts. An adapter speaks the vendor's documented protocol and nothing else: which
// gateway a journey came through, recording the grant, events and dwell time belong to
// lib/network/access.ts.
import type { z } from "zod";

import type { WalledGardenConfig, WalledGardenEntry } from "./walled-garden/entries";

export type GatewayKind = "none" | "opennds" | "meraki" | "unifi" | "mikrotik" | "cisco-wlc" | "aruba";

/**
 * What the controller's redirect to the splash said, as the adapter reads it. The splash's
 * query parameters arrive through the guest's browser: `verified` says whether the adapter
 * could check them (openNDS level 2 decrypts its `fas` query with the shared key; a Meraki
 * grant URL on an allowed host), otherwise they are the browser's claims.
 */
export interface GatewayRedirect {
  clientMac: string | null;
  clientIp: string | null;
  apMac: string | null;
  /** Where the guest was going, if the controller said so (http/https only). */
  originalUrl: string | null;
  /** What the grant needs later (openNDS `tok`/`authaction`, Meraki `base_grant_url`, Cisco `switch_url`…). */
  grantParams: Record<string, string>;
  verified: boolean;
  /**
   * The client MAC itself came from the gateway, not the browser (openNDS level 2+: inside the
   * encrypted query). Only then may a MAC alone recognise a returning device (lib/welcome-back);
   * `verified` on other adapters checks where the grant goes, and their MAC stays a claim.
   */
  clientMacVerified?: boolean;
}

export type RedirectReading =
  | { ok: true; redirect: GatewayRedirect }
  /** Tampered, expired, malformed or from a host this gateway does not allow: nothing is written. */
  | { ok: false; reason: string };

/** What the guest's way of signing in earns (lib/network/access-tiers.ts). */
export interface AccessTier {
  minutes: number;
  downKbps?: number;
  upKbps?: number;
  /** Data allowance in megabytes. */
  quotaMb?: number;
}

export interface GrantRequest {
  redirect: GatewayRedirect;
  tier: AccessTier;
  /** Where the guest's browser should end up once online (Portico's success page, or where they were going). */
  continueUrl: string;
  /** Portico's id for this access session (RADIUS and pull-style gateways look it up). */
  sessionId: string;
}

export type GrantOutcome =
  /** The browser goes there to be let on (openNDS /opennds_auth/, Meraki base_grant_url…). */
  | { kind: "redirect"; url: string }
  /** The browser posts this form to the gateway (MikroTik login, Cisco switch_url, Aruba cgi-bin/login). */
  | { kind: "form"; action: string; fields: Record<string, string> }
  /** Done from Portico's side (a controller API such as UniFi's). */
  | { kind: "granted"; detail: string }
  /**
   * The gateway collects the grant itself (openNDS authmon, a RADIUS Access-Request);
   * `gatewaySessionId` is how it will name this session when it does (openNDS's rhid).
   */
  | { kind: "pending"; detail: string; gatewaySessionId?: string }
  | { kind: "failed"; error: string };

export interface GatewayContext<Settings, Secrets> {
  settings: Settings;
  secrets: Secrets;
  /** The only way an adapter reaches the network (tests point it at simulators). */
  fetch: typeof fetch;
  now(): Date;
}

/** What a RADIUS Access-Accept for one session carries, before each vendor's spelling of it. */
export interface RadiusLimits {
  /** Until the session's expiry. */
  secondsRemaining: number;
  downKbps?: number;
  upKbps?: number;
  /** Data allowance in megabytes. */
  quotaMb?: number;
}

export interface GatewayAdapter<Settings = unknown, Secrets = unknown> {
  kind: GatewayKind;
  /** The vendor's name as IT people know it. */
  label: string;
  /** Non-secret settings (controller URL, allowed grant hosts, FAS security level…): validated on save, shown in the UI. */
  settingsSchema: z.ZodType<Settings>;
  /** Shared keys, API keys, passwords: encrypted at rest, never shown again. */
  secretsSchema: z.ZodType<Secrets>;
  /** Reads and verifies the controller's redirect (the splash's query parameters, already bounded by lib/journeys/gateway-params.ts). */
  readRedirect(context: GatewayContext<Settings, Secrets>, params: Readonly<Record<string, string>>): RedirectReading;
  /**
   * The walled garden in the vendor's own format: what the controller must let a device
   * reach before the grant (Portico, the sign-in's identity provider…; ./walled-garden).
   */
  walledGarden(entries: readonly WalledGardenEntry[], settings: Settings): WalledGardenConfig;
  /**
   * Welcome back with zero taps: how this vendor's gateway asks Portico about a device on its
   * own (RADIUS MAC authorisation), as the staff form says it. Absent: one tap at most.
   */
  zeroTap?: string;
  /** Lets the device on, after identity and consent are committed. */
  grant(context: GatewayContext<Settings, Secrets>, request: GrantRequest): Promise<GrantOutcome>;
  /** Ends a device's access early, where the vendor allows it. */
  /**
   * RADIUS-backed gateways: the vendor's own reply attributes for the limits (MikroTik's
   * Mikrotik-Rate-Limit…), in addition to the standard ones every NAS gets
   * (lib/network/radius/reply.ts: Session-Timeout, Acct-Interim-Interval, WISPr bandwidth).
   */
  radiusReply?(limits: RadiusLimits): Record<string, string | number>;
  revoke?(context: GatewayContext<Settings, Secrets>, session: { redirect: GatewayRedirect; sessionId: string }): Promise<{ ok: true } | { ok: false; error: string }>;
}
