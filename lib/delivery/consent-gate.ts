// The one rule for what leaves Portico: which recipients may receive which fields of which
// guest, decided from the consent ledger alone. The consent step applies it when it writes
// the outbox, and the delivery worker applies it again right before every send, so a
// withdrawal or an erasure in between stops the send.
import type { ConsentFlag, GuestRecord, GuestRecordField } from "./guest-record";

export type PurposeKind = "TERMS" | "MARKETING" | "SPONSOR";

/** A connector as the gate sees it: the one purpose whose consent it needs. */
export interface Recipient {
  connectorId: string;
  purposeId: string;
  purposeKind: PurposeKind;
}

/** Where a guest stands in the ledger: the newest decision per purpose wins. */
export interface LedgerState {
  erased: boolean;
  latest: ReadonlyMap<string, boolean>;
}

/**
 * Whether a recipient may receive this guest: only while the guest's latest decision on the
 * recipient's own purpose is a yes and the guest is not erased. Accepting the terms of use is
 * never a reason to send anyone's data anywhere.
 */
export function mayReceive(recipient: Recipient, ledger: LedgerState): boolean {
  if (ledger.erased || recipient.purposeKind === "TERMS") return false;
  return ledger.latest.get(recipient.purposeId) === true;
}

/** The recipients among `recipients` that may receive the guest. */
export function allowedRecipients<R extends Recipient>(recipients: readonly R[], ledger: LedgerState): R[] {
  return recipients.filter((recipient) => mayReceive(recipient, ledger));
}

/**
 * What each kind of purpose lets a recipient see. The venue's own tools (marketing consent)
 * get the visit as Portico knows it; a sponsor gets what its wording says the guest shares
 * ("my name and email"), the visit's time and place, and the guest's decision on that sponsor.
 */
export const fieldsByPurposeKind: Record<Exclude<PurposeKind, "TERMS">, readonly GuestRecordField[]> = {
  MARKETING: ["email", "name", "phone", "locale", "deviceType", "os", "connectedAt", "dwellMinutes", "visitCount", "venue", "zone", "consents"],
  SPONSOR: ["email", "name", "locale", "connectedAt", "venue", "consents"],
};

/**
 * The record a recipient may receive: only the fields its purpose covers, and only the consent
 * decisions it may know of (its own; the venue's tools also see the other optional ones, which
 * are the venue's own ledger). `purposeKinds` names each decision's purpose kind by purpose key.
 */
export function recordFor(recipient: Recipient & { purposeKey: string }, full: GuestRecord, purposeKinds: ReadonlyMap<string, PurposeKind>): GuestRecord {
  if (recipient.purposeKind === "TERMS") throw new Error("No record goes out on the terms of use");
  const allowed = new Set<string>(fieldsByPurposeKind[recipient.purposeKind]);
  const consents: ConsentFlag[] = full.consents.filter((flag) =>
    recipient.purposeKind === "MARKETING" ? purposeKinds.get(flag.purpose) !== "TERMS" : flag.purpose === recipient.purposeKey,
  );
  const record: Record<string, unknown> = { guestId: full.guestId };
  for (const [field, value] of Object.entries(full)) {
    if (field !== "guestId" && allowed.has(field) && value !== undefined) record[field] = value;
  }
  record.consents = consents;
  return record as unknown as GuestRecord;
}
