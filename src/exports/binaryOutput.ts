/**
 * Little-endian pieces of a binary file, gathered into chunks of about 64 KiB before they are
 * handed on (to an HTTP response that may make the writer wait, or to a buffer in tests).
 */
export class BinaryOutput {
  private parts: Buffer[] = [];
  private pending = 0;
  /** Bytes written so far (Stata's map records section offsets). */
  offset = 0;

  constructor(private readonly sink: (chunk: Buffer) => Promise<void>) {}

  async push(...pieces: Buffer[]): Promise<void> {
    for (const piece of pieces) {
      this.parts.push(piece);
      this.pending += piece.length;
      this.offset += piece.length;
    }
    if (this.pending >= 65_536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    const chunk = Buffer.concat(this.parts);
    this.parts = [];
    this.pending = 0;
    await this.sink(chunk);
  }
}

export function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value);
  return b;
}

export function uint16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}

export function uint64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(value));
  return b;
}

export function float64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return b;
}

/** Text as UTF-8 in exactly `width` bytes, filled with `pad` (cut only by callers that sized it). */
export function fixedText(value: string, width: number, pad: number): Buffer {
  const b = Buffer.alloc(width, pad);
  b.write(value, 0, width, 'utf8');
  return b;
}

/** Collects everything written into one Buffer (for tests and small files). */
export function bufferOutput(): { output: BinaryOutput; result: () => Buffer } {
  const chunks: Buffer[] = [];
  const output = new BinaryOutput(async (chunk) => {
    chunks.push(chunk);
  });
  return { output, result: () => Buffer.concat(chunks) };
}
