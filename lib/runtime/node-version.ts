// Checked first by `npm start`, `npm run dev` and the test preflight: on a Node.js release the
// dependencies do not support, things fail later and far from the cause. The requirement is
// written once, in package.json's "engines" (Prisma 7's rule, see README "Run it").
import { readFileSync } from "node:fs";

import semver from "semver";

export class UnsupportedNodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedNodeError";
  }
}

/**
 * The nearest package.json above this module that states "engines": the repository's from
 * lib/runtime, the image's from its bundle in dist/ (lib/runtime/build-standalone.mjs).
 */
export function requiredNodeRange(): string {
  for (let dir = new URL(".", import.meta.url); ; dir = new URL("..", dir)) {
    const text = (() => {
      try {
        return readFileSync(new URL("package.json", dir), "utf8");
      } catch {
        return null;
      }
    })();
    const range = text ? (JSON.parse(text) as { engines?: { node?: string } }).engines?.node : undefined;
    if (range) return range;
    if (dir.pathname === "/") throw new Error('No package.json with "engines.node" above lib/runtime/node-version.ts.');
  }
}

/** Why `version` cannot run Portico, or undefined when it can. */
export function unsupportedNodeMessage(version: string, required: string): string | undefined {
  if (semver.satisfies(version, required)) return undefined;
  return `Portico needs Node.js ${required} (package.json "engines"), and this is Node.js ${version}. Install a supported release (e.g. Node.js 22 or 24 LTS) and run the command again.`;
}

export function assertSupportedNode(version: string = process.versions.node): void {
  const message = unsupportedNodeMessage(version, requiredNodeRange());
  if (message) throw new UnsupportedNodeError(message);
}
