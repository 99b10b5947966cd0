import type { GatewayAdapter, GatewayKind } from "./gateway-adapter";
import { merakiAdapter } from "./adapters/meraki";
import { noneAdapter } from "./adapters/none";
import { unifiAdapter } from "./adapters/unifi";

/**
 * Every gateway Portico can work with. Adding a vendor is one module in ./adapters and one
 * line here; the staff area, the login and the grant find it through this table.
 */
export const gatewayRegistry: Partial<Record<GatewayKind, GatewayAdapter>> = {
  none: noneAdapter,
  meraki: merakiAdapter,
  unifi: unifiAdapter,
};
