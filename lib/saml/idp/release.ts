// What a website may learn about a guest, decided from the consent ledger alone and by the
// same rule as every other recipient (lib/delivery/consent-gate.ts mayReceive): a response goes
// only while the guest's latest decision on the website's own purpose is a yes and the guest
// is not erased; the terms of use never allow a release. Within that, only the attributes the
// admin allowed, and visitor data only from namespaces still declared shareable.
import { mayReceive, type LedgerState, type PurposeKind } from "@/lib/delivery/consent-gate";

import { visitorDataAttributePrefix } from "./schemas";

export interface ReleasingServiceProvider {
  id: string;
  purposeId: string;
  purposeKind: PurposeKind;
  purposeKey: string;
  attributes: readonly string[];
}

export interface ReleasableGuest {
  email: string;
  name: string | null;
  phone: string | null;
  locale: string | null;
  visitorData: Record<string, unknown>;
  ledger: LedgerState;
  /** The kind of each purpose the guest decided on, by purpose key. */
  purposeKinds: ReadonlyMap<string, PurposeKind>;
  /** The latest decision per purpose key. */
  decisions: ReadonlyMap<string, boolean>;
}

/** One SAML attribute: its Name (basic name format) and values. */
export interface ReleasedAttribute {
  name: string;
  values: string[];
}

/** Whether this website may receive a response for this guest at all. */
export function mayRelease(sp: ReleasingServiceProvider, guest: Pick<ReleasableGuest, "ledger">): boolean {
  return mayReceive({ connectorId: sp.id, purposeId: sp.purposeId, purposeKind: sp.purposeKind }, guest.ledger);
}

/**
 * The attributes for one response: the email always, then what the website may see and the
 * guest has. Consent flags follow the gate's rule for records: a website under the venue's
 * marketing consent sees the guest's optional decisions, one under a sponsor's only that one.
 * Throws when the release is not allowed: callers decide with mayRelease first.
 */
export function releasedAttributes(sp: ReleasingServiceProvider, guest: ReleasableGuest, shareableNamespaces: readonly string[]): ReleasedAttribute[] {
  if (!mayRelease(sp, guest)) throw new Error("No attributes are released without the consent the website needs");
  const allowed = new Set(sp.attributes);
  const released: ReleasedAttribute[] = [{ name: "email", values: [guest.email] }];
  if (allowed.has("name") && guest.name) released.push({ name: "name", values: [guest.name] });
  if (allowed.has("phone") && guest.phone) released.push({ name: "phone", values: [guest.phone] });
  if (allowed.has("locale") && guest.locale) released.push({ name: "locale", values: [guest.locale] });
  if (allowed.has("consents")) {
    for (const [key, granted] of [...guest.decisions].sort(([a], [b]) => a.localeCompare(b))) {
      const kind = guest.purposeKinds.get(key);
      const visible = sp.purposeKind === "MARKETING" ? kind !== "TERMS" : key === sp.purposeKey;
      if (visible) released.push({ name: `consent.${key}`, values: [granted ? "true" : "false"] });
    }
  }
  for (const attribute of sp.attributes) {
    if (!attribute.startsWith(visitorDataAttributePrefix)) continue;
    const namespace = attribute.slice(visitorDataAttributePrefix.length);
    if (!shareableNamespaces.includes(namespace) || !Object.hasOwn(guest.visitorData, namespace)) continue;
    released.push({ name: `visitorData.${namespace}`, values: [JSON.stringify(guest.visitorData[namespace])] });
  }
  return released;
}
