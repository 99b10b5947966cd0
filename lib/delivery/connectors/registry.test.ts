import { describe, expect, it } from "vitest";

import { describeSchema } from "../connector-form";
import { connectorRegistry } from "./registry";

describe("the connector registry", () => {
  it.each(Object.entries(connectorRegistry))("%s: is registered under its own kind, and its settings and credentials can be drawn as a staff form", (kind, connector) => {
    expect(connector!.kind).toBe(kind);
    expect(connector!.maxBatchSize).toBeGreaterThan(0);
    expect(() => describeSchema(connector!.settingsSchema, "settings")).not.toThrow();
    expect(() => describeSchema(connector!.secretsSchema, "secrets")).not.toThrow();
  });
});
