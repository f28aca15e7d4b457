import 'server-only';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { addressRefusal, bareHost, safeLookup } from './address';

export const SEND_TIMEOUT_MS = 10_000;
/** The receiver's answer is not used; at most this much of it is read, then the socket is closed. */
const READ_AT_MOST = 4_096;

export type SendOutcome = {
  ok: boolean;
  /** The HTTP status, or null when no answer came (refused, timed out, address refused). */
  status: number | null;
  durationMs: number;
  error: string | null;
};

/**
 * One POST of a delivery. Node's own http/https client rather than `fetch`: its `lookup` option
 * lets the address check run on the very addresses the socket connects to (server/webhooks/
 * address.ts), which `fetch` offers only through undici's Agent, not a dependency of Accord. A
 * redirect is a failure (never followed: it could point inside the network); a 2xx is success;
 * anything else, a network error or no answer within 10 seconds is a failure, retried later.
 */
export function postWebhook(target: string, allowPrivate: boolean, headers: Record<string, string>, body: string, timeoutMs = SEND_TIMEOUT_MS): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.max(0, Math.round(performance.now() - started));
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const done = (outcome: Omit<SendOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...outcome, durationMs: elapsed() });
    };
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return done({ ok: false, status: null, error: 'The endpoint’s address is not a valid URL.' });
    }
    // An IP literal is connected to without a lookup: checked here instead.
    const host = bareHost(url);
    const literal = net.isIP(host) ? addressRefusal(host, host, allowPrivate) : null;
    if (literal) return done({ ok: false, status: null, error: literal });
    const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
    if (!client) return done({ ok: false, status: null, error: `Unsupported scheme ${url.protocol}` });
    const signal = AbortSignal.timeout(timeoutMs);
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        agent: false,
        lookup: safeLookup(allowPrivate),
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let read = 0;
        const finish = () => {
          response.destroy();
          if (status >= 200 && status < 300) return done({ ok: true, status, error: null });
          const error = status >= 300 && status < 400
            ? `Redirected (${status}${response.headers.location ? ` to ${String(response.headers.location).slice(0, 200)}` : ''}): redirects are not followed; register the final address.`
            : `The receiver answered ${status}${response.statusMessage ? ` ${response.statusMessage.slice(0, 100)}` : ''}.`;
          done({ ok: false, status, error });
        };
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= READ_AT_MOST) finish();
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const message = signal.aborted
        ? `No answer within ${Math.round(timeoutMs / 1000)} seconds.`
        : error.name === 'UnsafeAddressError' ? error.message : `Could not connect: ${error.message}`;
      done({ ok: false, status: null, error: message.slice(0, 1_000) });
    });
    request.end(body);
  });
}
