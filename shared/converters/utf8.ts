/**
 * UTF-8 bytes to text exactly as `new TextDecoder('utf-8').decode(bytes.subarray(start, end))`
 * gives it (malformed sequences as U+FFFD, a leading byte order mark dropped), for less per call:
 *
 * - a short ASCII range is read in JavaScript. V8 keeps a typed array of up to 64 bytes inside its
 *   own object (decodeEsmEvent's header values are such arrays), and handing one to native code
 *   first moves it to a new off-heap buffer: that cost three times the decoding itself, per header.
 * - anything else goes through Buffer's utf8Slice (the same V8 decoder as TextDecoder, reading the
 *   range in place, without TextDecoder#decode's argument checks and subarray per call), except a
 *   range starting with a byte order mark, which TextDecoder drops.
 */
const decoder = new TextDecoder('utf-8');

type Utf8Slice = (this: Uint8Array, start: number, end: number) => string;
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice?: Utf8Slice }).utf8Slice;

/** V8's largest typed array kept on its heap (V8_TYPED_ARRAY_MAX_SIZE_IN_HEAP). */
const SHORT = 64;

export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start <= SHORT) {
    const ascii = shortAscii(bytes, start, end);
    if (ascii !== null) return ascii;
  }
  if (utf8Slice === undefined || (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf)) {
    return decoder.decode(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
  }
  return utf8Slice.call(bytes, start, end);
}

/** The range as text when every byte is ASCII (where UTF-8 is the identity); null otherwise. */
function shortAscii(bytes: Uint8Array, start: number, end: number): string | null {
  let text = '';
  for (let i = start; i < end; i++) {
    const c = bytes[i] as number;
    if (c > 0x7f) return null;
    text += String.fromCharCode(c);
  }
  return text;
}
