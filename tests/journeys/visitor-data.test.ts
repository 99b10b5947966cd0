import { afterAll, beforeAll, expect, it } from "vitest";

import { mergeVisitorData } from "@/lib/guests/visitor-data";

import { createTestDatabase, type TestDatabase } from "../support/database";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

it("several systems updating visitor data at once keep each other's keys", async () => {
  const guest = await testDb.prisma.guest.create({
    data: { emailNormalized: "ns@example.com", email: "ns@example.com", visitorData: { crm: { tier: "gold" } } },
  });
  // 40 concurrent writers across three namespaces, each adding its own key.
  await Promise.all(
    Array.from({ length: 40 }, (_, i) => {
      const namespace = ["crm", "portal", "newsletter"][i % 3]!;
      return mergeVisitorData(testDb.prisma, guest.id, namespace, { [`k${i}`]: i });
    }),
  );
  const { visitorData } = await testDb.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } });
  const data = visitorData as Record<string, Record<string, number | string>>;
  expect(data.crm?.tier).toBe("gold");
  const keys = Object.values(data).flatMap((ns) => Object.keys(ns));
  expect(keys.filter((k) => k.startsWith("k")).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `k${i}`).sort());
});

it("refuses a namespace that could escape its slot", async () => {
  await expect(mergeVisitorData(testDb.prisma, "00000000-0000-7000-8000-000000000000", "a'}; DROP", {})).rejects.toThrow(/namespace/);
});
