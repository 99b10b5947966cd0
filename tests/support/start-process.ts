// Runs the real start script (`npm start`'s lib/runtime/start.ts) in a child process, for
// tests of what it refuses or creates before it serves anything.
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "../..");

/** Nothing listens on port 1: a start that gets as far as the database fails at once. */
export const UNREACHABLE_DATABASE = "postgresql://portico@127.0.0.1:1/portico";

export interface StartOptions {
  /** The start's working directory (default: the repository). */
  cwd?: string;
  /** Node options before the script, e.g. `--import` of a file that fakes the Node version. */
  nodeArgs?: string[];
}

/**
 * The start's exit code and everything it printed. Its environment is only PATH, HOME and
 * `env`: the test runner's own NODE_ENV=test must not leak in, so the script picks NODE_ENV
 * itself. Killed after 20 s.
 */
export async function runStart(env: Record<string, string>, options: StartOptions = {}): Promise<{ code: number | null; output: string }> {
  const childEnv: Partial<NodeJS.ProcessEnv> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    // A working directory elsewhere has no tsconfig.json of its own for the "@/…" imports.
    TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json"),
    ...env,
  };
  const loader = pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", loader, path.join(root, "lib/runtime/start.ts")], {
    cwd: options.cwd ?? root,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}
