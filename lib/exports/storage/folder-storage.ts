import { createReadStream } from "node:fs";
import { copyFile, mkdir, rename, stat } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";

import { assertSafeKey, type ExportStorage, type StoredFile } from "./export-storage";

/** Export files in a folder on this machine: `<root>/<key>`. */
export function folderStorage(root: string): ExportStorage {
  const resolved = path.resolve(root);
  const pathOf = (key: string) => {
    assertSafeKey(key);
    return path.join(resolved, ...key.split("/"));
  };
  return {
    kind: "folder",
    async putFile(key, localPath) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Copied beside the target, then renamed over it: a reader sees the old file or the new one.
      const temporary = `${target}.${randomBytes(6).toString("hex")}.partial`;
      await copyFile(localPath, temporary);
      await rename(temporary, target);
    },
    async open(key): Promise<StoredFile | null> {
      const file = pathOf(key);
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        return { body: createReadStream(file), bytes: info.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
