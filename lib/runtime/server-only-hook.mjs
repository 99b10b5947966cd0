// Module resolution hook for Portico's own server process (registered by
// lib/runtime/guest-routes.ts, and by benchmarks that load the app's modules outside Next).
// "server-only" is a marker that Next's bundler honours to keep server code out of browser
// bundles, and throws when loaded anywhere else; a Node process has no browser bundle to
// protect, so here it resolves to an empty module.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return nextResolve(specifier, context);
}
