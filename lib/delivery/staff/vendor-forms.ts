import "server-only";

import type { Connector } from "../connector";
import { connectorRegistry } from "../connectors/registry";
import { describeVendorSchemas } from "../vendor-input";
import type { VendorForm } from "./connector-form-state";

const registry = connectorRegistry as Partial<Record<string, Connector>>;

/** The vendors this Portico can send to, as staff choose among them. */
export function listVendors(): { kind: string; label: string }[] {
  return Object.values(registry).map((connector) => ({ kind: connector!.kind, label: connector!.label }));
}

/** A vendor's form, drawn from its schemas; null for a kind this Portico does not have. */
export function vendorForm(kind: string): VendorForm | null {
  const connector = Object.hasOwn(registry, kind) ? registry[kind] : undefined;
  if (!connector) return null;
  return {
    kind: connector.kind,
    label: connector.label,
    ...describeVendorSchemas(connector),
    generatesSecrets: Boolean(connector.generateSecrets),
  };
}
