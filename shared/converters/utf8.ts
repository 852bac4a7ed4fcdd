/**
 * UTF-8 bytes to text exactly as `new TextDecoder('utf-8').decode(bytes.subarray(start, end))`
 * gives it (malformed sequences as U+FFFD, a leading byte order mark dropped), for less per call:
 * TextDecoder#decode costs a subarray and argument checks on every record, where Buffer's own
 * utf8Slice (the same V8 decoder, on any Uint8Array) reads the range in place. A range starting
 * with a byte order mark takes TextDecoder, which drops it.
 */
const decoder = new TextDecoder('utf-8');

type Utf8Slice = (this: Uint8Array, start: number, end: number) => string;
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice?: Utf8Slice }).utf8Slice;

export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (utf8Slice === undefined || (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf)) {
    return decoder.decode(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
  }
  return utf8Slice.call(bytes, start, end);
}
