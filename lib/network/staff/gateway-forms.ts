import "server-only";

import { headers } from "next/headers";

import type { VendorFields } from "@/lib/delivery/staff/connector-form-state";
import { describeVendorSchemas } from "@/lib/delivery/vendor-input";
import { env } from "@/lib/env";
import { requestOrigin } from "@/lib/http/same-origin";

import { gatewayRegistry } from "../registry";
import { gatewayAdapterOf } from "./manage-gateways";

/** The gateways this Portico can work with, as staff choose among them. */
export function listGatewayVendors(): { kind: string; label: string }[] {
  return Object.values(gatewayRegistry).map((adapter) => ({ kind: adapter!.kind, label: adapter!.label }));
}

/** A gateway vendor's form, drawn from its adapter's schemas; null for a kind this Portico does not have. */
export function gatewayVendorForm(kind: string): VendorFields | null {
  const adapter = gatewayAdapterOf(kind);
  return adapter ? { kind: adapter.kind, label: adapter.label, ...describeVendorSchemas(adapter) } : null;
}

/** Where guests reach Portico: NEXTAUTH_URL when set, else the address this page was asked for. */
export async function portalOrigin(): Promise<string> {
  return env.NEXTAUTH_URL ?? requestOrigin(await headers());
}
