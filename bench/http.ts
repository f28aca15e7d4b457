import http from 'node:http';
import { BASE_URL } from './config';

/** One keep-alive agent for the bench's own requests (autocannon has its own connections). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

export function request(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(`${BASE_URL}${path}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Reads a (large) response as it streams, counting bytes and lines; nothing is kept. */
export function streamCount(path: string, headers: Record<string, string>, onChunk?: () => void): Promise<{ status: number; bytes: number; lines: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(`${BASE_URL}${path}`, { headers, agent }, (res) => {
      let bytes = 0;
      let lines = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
        onChunk?.();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, lines, ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Signs in through the app's own endpoint (Origin header: the CSRF check) and returns the cookie. */
export async function signIn(email: string, password: string): Promise<string> {
  const reply = await request('POST', '/api/auth/sign-in', { headers: { origin: BASE_URL }, body: { email, password } });
  if (reply.status !== 200) throw new Error(`Sign-in as ${email} failed: ${reply.status} ${reply.body.slice(0, 200)}`);
  const cookies = ([] as string[]).concat(reply.headers['set-cookie'] ?? []);
  return cookies.map((c) => c.split(';')[0]).join('; ');
}
