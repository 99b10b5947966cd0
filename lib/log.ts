import pino from "pino";

/**
 * The server's log: one JSON object per line (pino), for whatever collects stdout. Never put
 * personal data in a log line (emails, names, MAC or client addresses): say which journey or
 * which reference, not who.
 */
export const logger = pino({ base: { service: "portico" }, timestamp: pino.stdTimeFunctions.isoTime });
