// Lets a benchmark load the app's server modules outside Next: "server-only" is a marker
// Next's bundler honours (it throws anywhere else), so here it resolves to an empty module.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return nextResolve(specifier, context);
}
