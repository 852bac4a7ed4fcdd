import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../files';

/** Ids are reserved in blocks, so the state file is written once per block, not once per producer. */
const BLOCK_SIZE = 1000;

/**
 * Hands out producer ids that are never reused, across restarts too (Kafka's ProducerIdManager): the
 * file records where the next block starts, and is advanced before any id of a block is given out.
 */
export class ProducerIdManager {
  private next: number;
  private blockEnd: number;

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    const saved = readFileIfExists(path);
    this.next = saved === undefined ? 0 : (JSON.parse(saved) as { nextBlockStart: number }).nextBlockStart;
    this.blockEnd = this.next;
  }

  allocate(): number {
    if (this.next >= this.blockEnd) {
      this.blockEnd = this.next + BLOCK_SIZE;
      writeFileAtomic(this.path, JSON.stringify({ nextBlockStart: this.blockEnd }));
    }
    return this.next++;
  }
}
