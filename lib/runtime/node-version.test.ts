import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { requiredNodeRange, unsupportedNodeMessage } from "./node-version";

describe("the Node.js version check", () => {
  const required = requiredNodeRange();

  it("takes the requirement from package.json's engines", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
    expect(required).toBe(manifest.engines.node);
  });

  it.each(["20.19.0", "20.20.2", "22.12.0", "24.0.0", "25.1.0", process.versions.node])("accepts %s", (version) => {
    expect(unsupportedNodeMessage(version, required)).toBeUndefined();
  });

  it.each(["18.20.4", "20.9.0", "20.18.3", "21.7.3", "22.11.0", "23.6.1"])("refuses %s, naming the version needed", (version) => {
    expect(unsupportedNodeMessage(version, required)).toBe(
      `Portico needs Node.js ${required} (package.json "engines"), and this is Node.js ${version}. Install a supported release (e.g. Node.js 22 or 24 LTS) and run the command again.`,
    );
  });
});
