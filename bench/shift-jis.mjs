// A Shift_JIS encoder for the characters a bench or test uses: the inverse of the WHATWG decoder (Node has none).
// Shared by bench/transcode.mjs and test/ingest.test.ts.
let table;

/** `text` as Shift_JIS bytes; throws for a character Shift_JIS has no code for. */
export function encodeShiftJis(text) {
  table ??= decoderTable();
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no Shift_JIS for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

function decoderTable() {
  const dec = new TextDecoder('shift_jis');
  const t = new Map();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead <= 0xdf) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !t.has(ch)) t.set(ch, [lead, trail]);
    }
  }
  return t;
}
