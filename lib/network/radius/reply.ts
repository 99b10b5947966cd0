// The Access-Accept's attributes for one access session. Every NAS gets the standard ones:
// Session-Timeout (RFC 2865: seconds until the NAS ends the session, here until the session's
// expiry), Acct-Interim-Interval (RFC 2869: how often it reports, which is what dwell time and
// bytes are learnt from) and WISPr-Bandwidth-Max-Down/-Up (the Wi-Fi Alliance WISPr VSAs, bits
// per second, honoured by MikroTik, Aruba, Ruckus and others, ignored by NASes that do not know
// them). An adapter adds its vendor's own spelling (GatewayAdapter.radiusReply).
import type { GatewayAdapter, RadiusLimits } from "../gateway-adapter";
import type { RadiusAnswerAttributes } from "./rlm-rest";

/** Interim updates every five minutes: dwell is known to within that, at one request per device per five minutes. */
export const interimIntervalSeconds = 300;

export function acceptAttributes(limits: RadiusLimits, adapter: Pick<GatewayAdapter, "radiusReply"> | undefined): RadiusAnswerAttributes {
  const reply: Record<string, string | number> = {
    "Session-Timeout": Math.max(1, Math.floor(limits.secondsRemaining)),
    "Acct-Interim-Interval": interimIntervalSeconds,
  };
  if (limits.downKbps) reply["WISPr-Bandwidth-Max-Down"] = limits.downKbps * 1000;
  if (limits.upKbps) reply["WISPr-Bandwidth-Max-Up"] = limits.upKbps * 1000;
  Object.assign(reply, adapter?.radiusReply?.(limits));
  return Object.fromEntries(Object.entries(reply).map(([name, value]) => [`reply:${name}`, value])) as RadiusAnswerAttributes;
}
