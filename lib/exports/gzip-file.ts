// One export file being written: rows gzipped into a local file while its bytes are counted
// and hashed, so memory stays flat however many rows a day holds. The gzip stream is Node's
// zlib at a fixed level with no file name and a zero mtime in its header, so the same rows
// always give the same bytes.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { createGzip } from "node:zlib";

export interface WrittenFile {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export const gzipLevel = 6;

export class GzipFileWriter {
  private readonly gzip = createGzip({ level: gzipLevel });
  private readonly hash = createHash("sha256");
  private readonly out;
  private bytes = 0;
  private rows = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path);
    this.gzip.on("data", (chunk: Buffer) => {
      this.hash.update(chunk);
      this.bytes += chunk.length;
    });
    this.gzip.pipe(this.out);
  }

  /** Writes text; waits when the gzip stream asks to (backpressure). */
  async write(text: string): Promise<void> {
    if (!this.gzip.write(text, "utf8")) await once(this.gzip, "drain");
  }

  /** Rows the text written so far holds (a header is not one). */
  countRows(rows: number): void {
    this.rows += rows;
  }

  async finish(): Promise<WrittenFile> {
    const closed = once(this.out, "close");
    this.gzip.end();
    await closed;
    return { path: this.path, rows: this.rows, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  /** Stops writing after a failure (the temporary file is removed with its folder). */
  abort(): void {
    this.gzip.destroy();
    this.out.destroy();
  }
}
