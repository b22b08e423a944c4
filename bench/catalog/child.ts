// One cold start: node has booted; time the import of a variant and its first delivery.
import { readFileSync } from 'node:fs';

const [variant, deliveryFile] = process.argv.slice(2);
const delivery = JSON.parse(readFileSync(deliveryFile!, 'utf8'));
const started = performance.now();
const { run } = await import(variant!);
await run(delivery);
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, rssMiB: process.memoryUsage().rss / 2 ** 20 })}\n`);
