import type { GatewayAdapter, GatewayKind } from "./gateway-adapter";
import { arubaAdapter } from "./adapters/aruba";
import { ciscoWlcAdapter } from "./adapters/cisco-wlc";
import { merakiAdapter } from "./adapters/meraki";
import { mikrotikAdapter } from "./adapters/mikrotik";
import { noneAdapter } from "./adapters/none";
import { openndsAdapter } from "./adapters/opennds";
import { unifiAdapter } from "./adapters/unifi";

/**
 * Every gateway Portico can work with. Adding a vendor is one module in ./adapters and one
 * line here; the staff area, the login and the grant find it through this table.
 */
export const gatewayRegistry: Partial<Record<GatewayKind, GatewayAdapter>> = {
  none: noneAdapter,
  opennds: openndsAdapter,
  meraki: merakiAdapter,
  unifi: unifiAdapter,
  mikrotik: mikrotikAdapter,
  "cisco-wlc": ciscoWlcAdapter,
  aruba: arubaAdapter,
};
