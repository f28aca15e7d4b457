import fs from 'node:fs';
import { afterEach, expect } from 'vitest';

/**
 * Every test ends with no scratch file open (server/documents/spool.ts names them
 * `accord-spool-…`): an upload or a download that is read to its end, refused or cancelled closes
 * its file. One left open is a leak, in the app (a HEAD once kept one per request) or in a test that
 * drops a streamed answer unread. Two checks, since either can miss it: the open descriptors after
 * each test (Linux, /proc/self/fd), and Node's warning when a garbage collection closes a file
 * handle no one closed (which can come first, and then names the test it happened in, or the next).
 * The same for listeners: Node's MaxListenersExceededWarning means something adds a listener per
 * use and never takes it off (the embedded database's lock once kept an exit listener per open).
 */
const state = globalThis as typeof globalThis & { accordHandleWarnings?: string[]; accordListenerWarnings?: string[] };
if (!state.accordHandleWarnings) {
  const seen: string[] = (state.accordHandleWarnings = []);
  const listeners: string[] = (state.accordListenerWarnings = []);
  process.on('warning', (warning) => {
    if (/Closing file descriptor \d+ on garbage collection/.test(warning.message)) seen.push(warning.message);
    if (warning.name === 'MaxListenersExceededWarning') listeners.push(`${warning.message}\n${warning.stack ?? ''}`);
  });
}

function openScratchFiles(): string[] {
  if (!fs.existsSync('/proc/self/fd')) return [];
  return fs.readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      return /\/accord-spool-\d+-/.test(target) ? [target] : [];
    } catch {
      return [];
    }
  });
}

afterEach(async () => {
  // A stream read to its end closes its file just after handing over the last piece: give it time.
  for (let i = 0; i < 40 && openScratchFiles().length; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  const warnings = state.accordHandleWarnings!.splice(0);
  const listeners = state.accordListenerWarnings!.splice(0);
  expect(openScratchFiles(), 'scratch files still open after the test: an answer with a document body was neither read nor cancelled').toEqual([]);
  expect(warnings, 'a file handle was left to the garbage collector (during this test or just before it): a streamed answer neither read nor cancelled').toEqual([]);
  expect(listeners, 'listeners added and never removed (during this test or just before it)').toEqual([]);
});
