import { createServer, type IncomingMessage } from 'node:http';
import { listen } from '../adapters/listen.js';

/** A refusal the fixture's bridge answered inside `next start` (see its `REJECTION_HEADER`). */
export interface BridgedRejection {
  code: string;
  message: string;
  method: string;
  /** The URL the adapter gave `reject`, when it gave one (the Node layer gives none). */
  url?: string;
  /** The path and query the proxy forwarded. */
  target: string;
}

const REJECTION_HEADER = 'x-bridge-rejection';
// Hop-by-hop headers, those fetch sets itself, and the encoding (fetch decodes the answer):
// not forwarded either way.
const UNFORWARDED = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'content-encoding',
]);

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A proxy in front of a Next.js app for routes whose receiver refuses a request itself:
 * `receiver.reject` is synchronous, so the bridge inside `next start` cannot call the test
 * process's receiver and puts the refusal on its answer instead. The proxy forwards each
 * request to `origin()`, hands such a refusal to `rejected` before it answers (so the suite
 * finds it reported when its response arrives), and strips the header.
 */
export function startRejectionProxy(origin: () => string, rejected: (rejection: BridgedRejection) => void) {
  return listen(
    createServer(async (req, res) => {
      const body = await readAll(req);
      const headers = Object.entries(req.headers).filter(([name]) => !UNFORWARDED.has(name)) as [
        string,
        string,
      ][];
      const response = await fetch(`${origin()}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
      });
      const text = await response.text();
      const rejection = response.headers.get(REJECTION_HEADER);
      if (rejection) {
        const bridged = JSON.parse(decodeURIComponent(rejection)) as Omit<BridgedRejection, 'target'>;
        rejected({ ...bridged, target: req.url ?? '/' });
      }
      const answer: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (name !== REJECTION_HEADER && !UNFORWARDED.has(name)) answer[name] = value;
      });
      res.writeHead(response.status, answer).end(text);
    }),
  );
}
