// The types of bench/shift-jis.mjs (plain JavaScript, run by node as the benches are), for the tests that import it.

/** `text` as Shift_JIS bytes; throws for a character Shift_JIS has no code for. */
export function encodeShiftJis(text: string): Buffer;
