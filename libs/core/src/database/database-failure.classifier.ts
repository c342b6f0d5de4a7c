// Why a Postgres statement or transaction failed, which decides what happens next (the ingest
// committer; the error filter answers an outage with 503 on every route):
// - unavailable: Postgres is away, full or shutting down. Every request answers 503 with
//   Retry-After; nothing is retried or split, so an outage never turns into a storm of writes.
// - references_gone: a foreign key found its parent gone (the workspace was deleted meanwhile, or
//   a connector), to be told apart by looking.
// - conflict: a deadlock or serialization failure between concurrent transactions; retrying
//   alone succeeds.
// - data: Postgres refused a value (or our code threw on one): retried alone, then split so only
//   the event that cannot be written is rejected.
// - unknown: anything else (a bug in our SQL, a missing table) is a 500, logged once.
export type DatabaseFailureKind = 'unavailable' | 'references_gone' | 'conflict' | 'data' | 'unknown';

// SQLSTATE classes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const DATA_CLASSES = new Set(['22', '23', '54']);
const CONFLICT_CLASSES = new Set(['40']);
const UNAVAILABLE_CLASSES = new Set(['08', '28', '3D', '53', '55', '57', '58', 'XX']);
const FOREIGN_KEY_VIOLATION = '23503';
// Errors of the socket itself (Node), and node-pg's own messages for a lost connection or a pool
// that timed out; they carry no SQLSTATE.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_LOST =
  /^(Connection terminated|timeout exceeded when trying to connect|Client (has encountered a connection error|was closed) and is not queryable|Query read timeout)/;

export function classifyDatabaseFailure(error: unknown): DatabaseFailureKind {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in (error as object)) {
    if (code === FOREIGN_KEY_VIOLATION) return 'references_gone';
    const sqlClass = code.slice(0, 2);
    if (DATA_CLASSES.has(sqlClass)) return 'data';
    if (CONFLICT_CLASSES.has(sqlClass)) return 'conflict';
    if (UNAVAILABLE_CLASSES.has(sqlClass)) return 'unavailable';
    return 'unknown';
  }
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'unavailable';
  // A TypeError or RangeError while building the statement comes from a value we did not expect:
  // worth isolating like a refused value.
  if (error instanceof TypeError || error instanceof RangeError) return 'data';
  if (error instanceof Error && CONNECTION_LOST.test(error.message)) return 'unavailable';
  return 'unknown';
}
