// lib/ is a set of domains (lib/staff, lib/audit, lib/guests…) that depend on each other in
// one direction only. A cycle between two of them (lib/staff → lib/audit → lib/staff) means a
// shared piece sits in the wrong place: move it down (as lib/errors.ts and lib/email did).
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const lib = path.join(root, "lib");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate)) ?? null;
}

/** lib/staff/create-staff-user.ts → "staff"; lib/errors.ts → "errors"; lib/db.ts and lib/db/… → "db". */
const domainOf = (file: string) => path.relative(lib, file).split(path.sep)[0]!.replace(/\.tsx?$/, "");

/** domain → domain it imports → one import that proves it (type-only imports count too). */
function domainImports(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(lib)) {
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const target = resolveImport(file, fileName);
      if (!target?.startsWith(lib + path.sep) || target.includes(`${path.sep}generated${path.sep}`)) continue;
      const [from, to] = [domainOf(file), domainOf(target)];
      if (from === to) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, `${path.relative(root, file)} → ${path.relative(root, target)}`);
    }
  }
  return graph;
}

/** Every cycle's edges, found by walking from each domain (tens of nodes: no need for Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, at: string, visited: string[], trail: string[]) => {
    for (const [next, why] of graph.get(at) ?? []) {
      if (next === start) found.add([...trail, why].sort().join("\n  "));
      else if (!visited.includes(next)) walk(start, next, [...visited, next], [...trail, why]);
    }
  };
  for (const domain of graph.keys()) walk(domain, domain, [domain], []);
  return [...found];
}

describe("lib/ domains", () => {
  it("import each other without cycles", () => {
    expect(cycles(domainImports())).toEqual([]);
  });

  it("the check sees a cycle when there is one", () => {
    const graph = new Map([
      ["staff", new Map([["audit", "lib/staff/a.ts → lib/audit/b.ts"]])],
      ["audit", new Map([["staff", "lib/audit/b.ts → lib/staff/c.ts"]])],
    ]);
    expect(cycles(graph)).toHaveLength(1);
  });
});
