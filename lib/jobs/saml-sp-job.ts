import { purgeSamlBookkeeping, refreshIdpMetadata } from "@/lib/saml/sp/refresh-metadata";

import type { ScheduledJob } from "./scheduled-job";

/** Re-reads identity providers' metadata from their URLs (certificate rotation), and drops spent SAML requests and assertion ids. */
export const samlSpJob: ScheduledJob = {
  name: "saml-sp-metadata",
  cron: "17 * * * *",
  run: async (db) => ({ ...(await refreshIdpMetadata(db)), ...(await purgeSamlBookkeeping(db)) }),
};
