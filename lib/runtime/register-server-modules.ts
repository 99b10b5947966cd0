import { register } from "node:module";

let registered = false;

/** Lets this Node process load the app's server modules outside Next's bundle (see server-only-hook.mjs). */
export function registerServerModules(): void {
  if (registered) return;
  register("./server-only-hook.mjs", import.meta.url);
  registered = true;
}
