import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWebRequest } from './web.js';

// readWebRequest reads a body whose size and pacing the sender chooses: however it is chunked,
// and whatever Content-Length says, the answer is the exact bytes within the limit or 413, read
// no further than the chunk that passed the limit (a bounded buffer).

const LIMIT = 64;

/** A request whose body stream hands out `chunks` one pull at a time, counting the pulls. */
function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  let pulls = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulls++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const request = new Request('https://example.test/hook', {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);
  return { request, pulls: () => pulls };
}

const chunksOf = fc.array(fc.uint8Array({ minLength: 1, maxLength: 40 }), { maxLength: 8 });
const concat = (chunks: Uint8Array[]) => new Uint8Array(chunks.flatMap((chunk) => [...chunk]));

describe('readWebRequest', () => {
  it('gives the exact bytes within the limit, and 413 past it, read no further than the chunk that passed it', async () => {
    await fc.assert(
      fc.asyncProperty(chunksOf, async (chunks) => {
        const { request, pulls } = streamed(chunks);
        const read = await readWebRequest(request, LIMIT);
        const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
        if (total <= LIMIT) {
          expect('body' in read && read.body).toEqual(concat(chunks));
          return;
        }
        expect(read).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
        // The chunk that passed the limit, and at most one the stream queued ahead of the reader.
        let passed = 0;
        for (let size = chunks[0]!.length; size <= LIMIT; size += chunks[passed]!.length) passed++;
        expect(pulls()).toBeLessThanOrEqual(passed + 2);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a declared Content-Length over the limit before reading, and reads the body for any other value', async () => {
    const declared = fc.oneof(
      fc.nat({ max: 4 * LIMIT }).map(String),
      fc.constantFrom(
        '',
        ' 65',
        '65 ',
        '1e9',
        '0x41',
        '-1',
        'Infinity',
        'NaN',
        '65, 65',
        '9'.repeat(400),
        '+65',
      ),
      fc.string({ maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(chunksOf, declared, async (chunks, contentLength) => {
        const { request, pulls } = streamed(chunks, { 'content-length': contentLength });
        const read = await readWebRequest(request, LIMIT);
        const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
        if (Number(contentLength) > LIMIT) {
          expect(read).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
          expect(pulls()).toBeLessThanOrEqual(1);
        } else if (total > LIMIT) {
          // A sender can lie: the size is counted while streaming too.
          expect(read).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
        } else {
          expect('body' in read && read.body).toEqual(concat(chunks));
        }
      }),
      { numRuns: 300 },
    );
  });
});
