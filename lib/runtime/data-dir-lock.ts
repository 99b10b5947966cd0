// PGlite takes no lock on its data directory: two processes can open the same one and
// overwrite each other's pages. A pid file, as postmaster.pid does for PostgreSQL, makes a
// second `npm start` on the same directory stop with a message instead.
import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";

const LOCK_FILE = "portico.pid";

/** Another process (or this one) has the directory open: the message says what to do. */
export class DataDirInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataDirInUseError";
  }
}

/** Directories this process holds: after a crash in a container the new pid often matches the old one. */
const heldHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Claims dataDir for this process; the returned function gives it back. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  if (heldHere.has(dataDir)) {
    throw new DataDirInUseError(`The embedded database in ${dataDir} is already open in this process.`);
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      heldHere.add(dataDir);
      return async () => {
        heldHere.delete(dataDir);
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by process ${owner}. ` +
            `Stop that Portico first, or delete ${file} if no such process is running Portico.`,
        );
      }
      // Left behind by a process that is gone.
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}: ${file} keeps reappearing.`);
}
