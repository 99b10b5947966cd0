import type { ConnectionCheck } from "../connector";
import type { FormField } from "../connector-form";
import type { StaffActionState } from "@/lib/staff/action-state";

/** What a form with a vendor's own settings (a connection's, a gateway's) gets back from its action. */
export interface VendorFormState extends StaffActionState {
  /** The vendor settings as posted, to fill the form again when it comes back with errors. */
  settingsValues?: unknown;
}

/** What a connection's form gets back from its action. */
export interface ConnectorFormState extends VendorFormState {
  /** Credentials Portico generated: shown this once. */
  reveal?: { label: string; value: string }[];
  /** Where the new connection is. */
  href?: string;
  check?: ConnectionCheck;
}

/** A vendor's settings and credentials form, drawn on the server from its schemas (plain data, so a client component can render it). */
export interface VendorFields {
  kind: string;
  label: string;
  settings: FormField;
  secrets: FormField;
}

/** A connector's form. */
export interface VendorForm extends VendorFields {
  /** Portico can create the credentials itself when they are left blank. */
  generatesSecrets: boolean;
}
