-- Hosts staff add to a gateway's walled garden beyond what Portico works out itself (a CDN,
-- an identity provider's asset host…): one per element, as typed, checked by
-- lib/network/walled-garden/entries.ts readWalledGardenHost. Empty (NULL) for none, as
-- Prisma spells scalar lists.
ALTER TABLE "gateway" ADD COLUMN "walled_garden_hosts" VARCHAR(300)[];
