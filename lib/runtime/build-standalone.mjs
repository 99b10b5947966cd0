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
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
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

// Node's ESM loader takes "next/headers" only as "next/headers.js" from a package with no
// "exports" map (Next); tsx and Next's bundler resolve either. The bundle's imports say which.
const subpathsWithExtension = {
  name: "subpaths-with-extension",
  setup(b) {
    b.onResolve({ filter: /^(@[^/]+\/)?[^./@][^/]*\/.+/ }, (args) => {
      if (/\.[cm]?js$/.test(args.path)) return undefined;
      const name = args.path.split("/").slice(0, args.path.startsWith("@") ? 2 : 1).join("/");
      const dir = path.join(root, "node_modules", name);
      if (!existsSync(path.join(dir, "package.json")) || JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).exports) return undefined;
      const subpath = args.path.slice(name.length + 1);
      return existsSync(path.join(dir, `${subpath}.js`)) ? { path: `${args.path}.js`, external: true } : undefined;
    });
  },
};

rmSync(path.join(out, "dist"), { recursive: true, force: true });
const result = await build({
  entryPoints: { start: "lib/runtime/start.ts", worker: "lib/runtime/worker.ts" },
  outdir: path.join(out, "dist"),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  plugins: [serverOnlyIsEmpty, subpathsWithExtension],
  jsx: "automatic",
  metafile: true,
  outExtension: { ".js": ".mjs" },
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
const seen = new Set();
// Next traces files, not packages: a package it traced for its own use may lack files the
// runtime imports. So what the runtime needs is copied whole, at the same place in the tree
// (nested copies stay nested), over whatever Next traced (Next too: the guest pages import next/headers, which its own server never does). Not its compilers (@next/swc-*), which a built app does not use.
const nextsOwn = (name) => name.startsWith("@next/") || name.startsWith("@types/");
function ensurePackage(name, from = root) {
  if (nextsOwn(name)) return;
  let source;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) {
      source = candidate;
      break;
    }
    if (dir === root || dir === path.dirname(dir)) break;
  }
  if (!source || seen.has(source)) return; // not found: an optional dependency for another platform
  seen.add(source);
  cpSync(source, path.join(out, path.relative(root, source)), { recursive: true, dereference: true });
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
console.log(`Standalone app assembled in ${path.relative(root, out)}: dist/start.mjs, dist/worker.mjs; ${copied.length} packages copied whole into its node_modules.`);
