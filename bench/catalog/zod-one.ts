import { z } from 'zod';
import { type Delivery, firstDelivery } from './variants.js';

// The floor: one hand-written schema of the fields a handler of check_run.completed reads.
export function run(delivery: Delivery) {
  const checkRunCompleted = z.object({
    action: z.literal('completed'),
    check_run: z.object({
      id: z.number(),
      name: z.string(),
      status: z.string(),
      conclusion: z.string().nullable(),
    }),
    repository: z.object({ full_name: z.string() }),
    sender: z.object({ login: z.string() }),
  });
  return firstDelivery({ 'check_run.completed': checkRunCompleted }, 'check_run.completed', delivery);
}
