// "None": no gateway to tell, for demos and for networks that let everyone on anyway. The
// splash's parameters are kept as the browser's claims and the grant is the success page.
import { z } from "zod";

import type { GatewayAdapter } from "../gateway-adapter";

export const noneAdapter: GatewayAdapter<Record<string, never>, Record<string, never>> = {
  kind: "none",
  label: "None (no gateway)",
  settingsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  secretsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  walledGarden: () => ({ where: "Nothing to set", text: "", notes: ["Without a gateway nothing holds devices back, so there is no walled garden to configure."] }),
  readRedirect: (_context, params) => ({
    ok: true,
    redirect: {
      clientMac: params.client_mac ?? null,
      clientIp: params.client_ip ?? null,
      apMac: params.ap_mac ?? null,
      originalUrl: params.url ?? null,
      grantParams: {},
      verified: false,
    },
  }),
  grant: async () => ({ kind: "granted", detail: "No gateway is configured: nothing to tell." }),
};
