// Run by memory.test.ts in a child process with --expose-gc: sends a receiver with the
// in-memory store at its `max` a long run of distinct deliveries and prints the heap (after
// full collections) at checkpoints, as JSON on stdout.
import { createMemoryStore, createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { z } from 'zod';

const total = Number(process.argv[2] ?? 200_000);
const max = Number(process.argv[3] ?? 10_000);
const every = Number(process.argv[4] ?? 50_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const NOW_MS = Date.UTC(2026, 0, 1);
const scheme = stripe({ secret: 'whsec_memory_probe' });
const receiver = createReceiver({
  scheme,
  events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
  store: createMemoryStore({ max }),
  clock: () => NOW_MS,
});
let handled = 0;
receiver.on('invoice.paid', () => {
  handled++;
});

function heapUsed(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

const heap: Record<number, number> = { 0: heapUsed() };
for (let n = 1; n <= total; n++) {
  const body = `{"id":"evt_${n.toString(36)}_${(n * 7919).toString(16)}","type":"invoice.paid","data":{"amount":${n}}}`;
  const headers = await scheme.sign({ body, timestamp: NOW_MS / 1000 });
  const result = await receiver.handle({
    method: 'POST',
    url: 'https://hooks.example.com/stripe',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  if (result.status !== 200) throw new Error(`delivery ${n}: ${result.status} ${result.body}`);
  if (n % every === 0) heap[n] = heapUsed();
}
process.stdout.write(`${JSON.stringify({ handled, heap })}\n`);
