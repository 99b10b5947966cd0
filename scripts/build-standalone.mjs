// Assembles the container image's application directory from `next build`'s standalone
// output (next.config.ts: output "standalone"): .next/standalone/ becomes a directory that
// runs with `node dist/start.mjs` (the web process, through Portico's own front door:
// lib/runtime/start.ts) and `node dist/worker.mjs` (`npm run worker`), with no TypeScript
// loader and no devDependencies. The Dockerfile runs this; so does the test that starts the
// result exactly as the image does (tests/runtime/standalone-server.test.ts).
//
// 1. Bundles the runtime's entry points with esbuild (npm packages stay external imports).
// 2. Adds what Next's trace does not know the runtime needs: every package the bundle
//    imports, with its dependencies, from node_modules.
// 3. Copies the files read at run time: static assets, public/, the migrations, and the guest
//    pages' stylesheet and script sources (components/portal, compiled on first use).
import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { build } from "esbuild";

const root = process.cwd();
const out = path.join(root, ".next/standalone");
if (!existsSync(path.join(out, "server.js"))) {
  console.error("No .next/standalone: run `npm run build` first (next.config.ts sets output: \"standalone\").");
  process.exit(1);
}

// "server-only" guards Next's browser bundles; a Node process has none (lib/runtime/server-only-hook.mjs).
const serverOnlyIsEmpty = {
  name: "server-only",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {}", loader: "js" }));
  },
};

const result = await build({
  entryPoints: { start: "lib/runtime/start.ts", worker: "lib/runtime/worker.ts" },
  outdir: path.join(out, "dist"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  plugins: [serverOnlyIsEmpty],
  jsx: "automatic",
  metafile: true,
  logLevel: "warning",
  // Bundled ESM still meets CommonJS-minded code (require of JSON, __dirname).
  banner: { js: 'import { createRequire as __portico_createRequire } from "node:module"; const require = __portico_createRequire(import.meta.url);' },
});
// registerServerModules() registers this hook relative to the bundle.
cpSync("lib/runtime/server-only-hook.mjs", path.join(out, "dist/server-only-hook.mjs"));

/** "pg", "@prisma/client", from "pg/lib/x" or "@prisma/client/runtime". */
const packageOf = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
const wanted = new Set();
for (const file of Object.values(result.metafile.outputs)) {
  for (const entry of file.imports) {
    if (entry.external && !entry.path.startsWith("node:") && !entry.path.startsWith(".") && !entry.path.startsWith("data:")) wanted.add(packageOf(entry.path));
  }
}

const copied = [];
/** Copies a package Next's trace left out, then what it depends on; one Next traced is left as traced. */
function ensurePackage(name, from = root) {
  if (name.startsWith("@types/")) return;
  const target = path.join(out, "node_modules", name);
  if (existsSync(path.join(target, "package.json"))) return;
  const source = [path.join(from, "node_modules", name), path.join(root, "node_modules", name)].find((dir) => existsSync(path.join(dir, "package.json")));
  if (!source) return; // an optional dependency for another platform
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true, dereference: true });
  copied.push(name);
  const manifest = JSON.parse(readFileSync(path.join(source, "package.json"), "utf8"));
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) ensurePackage(dep, source);
}
for (const name of [...wanted].sort()) {
  if (existsSync(path.join(root, "node_modules", name, "package.json"))) ensurePackage(name);
  else console.warn(`The runtime imports ${name}, which is not installed; left out.`);
}

for (const [from, to] of [
  [".next/static", ".next/static"],
  ["public", "public"],
  ["prisma/migrations", "prisma/migrations"],
  ["components/portal", "components/portal"],
]) {
  if (existsSync(from)) cpSync(from, path.join(out, to), { recursive: true });
}
console.log(`Standalone app assembled in ${path.relative(root, out)}: dist/start.mjs, dist/worker.mjs; added to its node_modules: ${copied.length ? copied.join(", ") : "nothing"}.`);
