import { env } from "@/lib/env";
import { connectorSecretStore, resealConnectorSecrets } from "@/lib/delivery/secret-store";

import type { ScheduledJob } from "./scheduled-job";

/** During a key rotation (PORTICO_SECRET_KEY_PREVIOUS set), moves every connector's credentials to the current key. */
export const resealSecretsJob: ScheduledJob = {
  name: "reseal-connector-secrets",
  cron: "*/10 * * * *",
  run: async (db) => ({ resealed: env.PORTICO_SECRET_KEY_PREVIOUS && env.PORTICO_SECRET_KEY ? await resealConnectorSecrets(db, connectorSecretStore()) : 0 }),
};
