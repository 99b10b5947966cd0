import { env } from "@/lib/env";
import { resealErasureSubjects } from "@/lib/delivery/erasure-subject";
import { connectorSecretStore, resealConnectorSecrets } from "@/lib/delivery/secret-store";
import { resealGatewaySecrets } from "@/lib/network/gateway-secrets";
import { resealIdpKeys } from "@/lib/saml/idp/signing-keys";

import type { ScheduledJob } from "./scheduled-job";

/**
 * During a key rotation (PORTICO_SECRET_KEY_PREVIOUS set), moves everything sealed at rest to the
 * current key: connectors' and gateways' credentials, waiting erasures' subjects and the venues'
 * SAML IdP signing keys.
 */
export const resealSecretsJob: ScheduledJob = {
  name: "reseal-connector-secrets",
  cron: "*/10 * * * *",
  run: async (db) => {
    if (!env.PORTICO_SECRET_KEY_PREVIOUS || !env.PORTICO_SECRET_KEY) return { resealed: 0, gateways: 0, erasureSubjects: 0, samlIdpKeys: 0 };
    return {
      resealed: await resealConnectorSecrets(db, connectorSecretStore()),
      gateways: await resealGatewaySecrets(db),
      erasureSubjects: await resealErasureSubjects(db),
      samlIdpKeys: await resealIdpKeys(db),
    };
  },
};
