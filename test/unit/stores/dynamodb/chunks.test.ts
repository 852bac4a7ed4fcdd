import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitUtf8 } from '../../../../shared/stores/dynamodb/chunks';

describe('splitUtf8', () => {
  it('splits into pieces of at most maxBytes that join back into the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 4, max: 64 }),
        (text, maxBytes) => {
          // Act
          const pieces = splitUtf8(text, maxBytes);
          // Assess
          expect(pieces.join('')).toBe(text);
          for (const piece of pieces) {
            expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(maxBytes);
            // No lone surrogate: the piece survives a UTF-8 round trip.
            expect(Buffer.from(piece, 'utf8').toString('utf8')).toBe(piece);
          }
        },
      ),
    );
  });

  it('keeps a surrogate pair together at a piece boundary', () => {
    expect(splitUtf8('ab😀c', 5)).toEqual(['ab', '😀c']);
  });

  it('returns one empty piece for empty text', () => {
    expect(splitUtf8('', 10)).toEqual(['']);
  });
});
