/**
 * The one sanitiser at the printing edge: text that reaches the terminal and came from
 * anywhere outside the tool (a server's `error` field, a reason quoting a response, an
 * error message naming a URL) passes through `printable` first, so a hostile target
 * cannot retitle the window, clear the screen, move the cursor or fake a "gate passed"
 * line (issue 14 §5). The tool adds its own colours after sanitising (progress.ts).
 *
 * Removed: ESC sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-character escapes) in
 * their 7-bit and 8-bit (C1) forms, then every remaining C0 control, DEL and C1 control
 * (ECMA-48 §5), and the Unicode bidirectional overrides and isolates that reorder what
 * the eye reads (Unicode TR9; "Trojan Source", CVE-2021-42574).
 */

/** ESC sequences: CSI (ESC [ or U+009B … final byte), OSC/DCS/SOS/PM/APC strings (ended by BEL or ST), and ESC + one byte. */
const ESC_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]P^_X]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[\s\S]?/g;

/** C0 controls, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/g;

/** Bidirectional formatting characters: LRM/RLM, embeddings and overrides, isolates, ALM. */
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

/**
 * `text` safe to print on a terminal: escape sequences and control characters removed.
 * Line breaks and tabs become spaces, so one reason stays one line, unless `keepLines`
 * (then `\n` survives and everything else is removed).
 */
export function printable(text: string, keepLines = false): string {
  const noEsc = text.replace(ESC_SEQUENCE, '').replace(BIDI, '');
  if (keepLines)
    return noEsc
      .split(/\r?\n/)
      .map((l) => l.replace(/\t/g, ' ').replace(CONTROL, ''))
      .join('\n');
  return noEsc.replace(/[\t\r\n]+/g, ' ').replace(CONTROL, '');
}
