// `npm run db:seed` (and `prisma db seed`): the demo venue into DATABASE_URL. The seed itself
// is lib/demo/seed-demo-venue.ts, shared with `npm start` and the e2e server.
import { createPrismaClient } from "@/lib/db/client";
import { demoVenue, seedDemoVenue } from "@/lib/demo";
import { env } from "@/lib/env";

async function main(): Promise<void> {
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set. Point it at the PostgreSQL database to seed, e.g.\n" +
        "  DATABASE_URL=postgresql://user:password@localhost:5432/portico npm run db:seed",
    );
  }
  const prisma = createPrismaClient(env.DATABASE_URL, 1);
  try {
    await seedDemoVenue(prisma);
    console.log(`Demo venue "${demoVenue.name}" is in place: /p/${demoVenue.slug}`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
