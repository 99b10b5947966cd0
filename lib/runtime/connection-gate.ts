// A TCP front door that lets exactly one client session through to the embedded database
// at a time; later clients wait their turn instead of being refused.
//
// PGlite is one PostgreSQL backend in single-user mode: every client shares its session, so
// two live connections would interleave extended-protocol messages and see each other's
// transactions. pglite-socket guards this by refusing a second connection outright, which
// also refuses the perfectly ordinary case of a pool replacing an idle connection: pg opens
// the new socket before the server has finished closing the old one, and the query fails
// with "Connection terminated unexpectedly" (a pool with max 1 and a 20 ms idle timeout lost
// about a quarter of its queries that way). Queuing here keeps one session and loses none.
import net from "node:net";

export interface ConnectionGate {
  /** The port the gate listens on (the one given, or the one the OS picked for port 0). */
  port: number;
  close(): Promise<void>;
}

export interface ConnectionGateOptions {
  host: string;
  port: number;
  /** Where the admitted client is relayed: the pglite-socket server's Unix socket or pipe. */
  upstreamPath: string;
  /** A client left waiting this long is disconnected, so a stuck session fails loudly. */
  waitTimeoutMs?: number;
}

export async function startConnectionGate(options: ConnectionGateOptions): Promise<ConnectionGate> {
  const waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
  const waiting = new Map<net.Socket, NodeJS.Timeout>();
  const clients = new Set<net.Socket>();
  let session: Promise<void> = Promise.resolve();
  let busy = false;
  let closing = false;

  function admitNext(): void {
    if (busy || closing) return;
    const next = waiting.entries().next();
    if (next.done) return;
    const [client, timer] = next.value;
    waiting.delete(client);
    clearTimeout(timer);
    if (client.destroyed) return admitNext();
    busy = true;
    session = relay(client).then(() => {
      busy = false;
      // One more turn of the event loop lets pglite-socket retire the old handler first.
      setImmediate(admitNext);
    });
  }

  /** Pipes one client to the database; settles once both sockets are closed. */
  function relay(client: net.Socket): Promise<void> {
    const upstream = net.connect(options.upstreamPath);
    const clientClosed = new Promise<void>((resolve) =>
      client.once("close", () => {
        // A client that vanished mid-transaction: ending the upstream makes pglite-socket
        // roll it back before the next session starts.
        upstream.end();
        resolve();
      }),
    );
    const upstreamClosed = new Promise<void>((resolve) =>
      upstream.once("close", () => {
        client.destroy();
        resolve();
      }),
    );
    upstream.on("error", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
    return Promise.all([clientClosed, upstreamClosed]).then(() => undefined);
  }

  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (client) => {
    clients.add(client);
    // Errors end in "close", which is where the slot is released.
    client.on("error", () => undefined);
    client.once("close", () => {
      clients.delete(client);
      const timer = waiting.get(client);
      if (timer) clearTimeout(timer);
      waiting.delete(client);
    });
    waiting.set(
      client,
      setTimeout(() => client.destroy(), waitTimeoutMs),
    );
    admitNext();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") {
    throw new Error("The connection gate is not listening on a TCP port.");
  }

  return {
    port: address.port,
    close: async () => {
      closing = true;
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const client of clients) client.destroy();
      await Promise.all([serverClosed, session]);
    },
  };
}
