/**
 * The fuzz tests' "never a partial write" check, reading the database's state only when it may have
 * changed. `read` returns a fingerprint of everything a request or command could write. A refused
 * attempt must leave it as it was; its state after is then the next attempt's state before, so it
 * is not read again. Any other attempt (one that succeeded, threw or failed a check) forgets it.
 *
 * The fuzz files read it twice per attempt before (fuzz-api on PGlite: 2,882 reads, 28 s of its
 * 48 s). Reading it once per attempt can only fail more, never less: something that wrote between
 * two attempts would show as a change after the next refused one.
 */
export function unchangedState(read: () => Promise<string>) {
  let known: string | null = null;
  return {
    /** At the start of a property: read afresh, whatever earlier ones left. */
    reset() {
      known = null;
    },
    /**
     * The state before an attempt. Forgotten at once: an attempt that succeeds, throws or fails its
     * checks may have written, and only `afterRefusal` says what the state is again.
     */
    async before(): Promise<string> {
      const state = known ?? (await read());
      known = null;
      return state;
    },
    /** After a refused attempt: the state now, to compare with `before()`; kept for the next attempt. */
    async afterRefusal(): Promise<string> {
      known = await read();
      return known;
    },
  };
}
