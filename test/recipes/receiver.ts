/** The receiver every recipe mounts (the README's quick start one). */
import { createReceiver } from '@hookgate/core';
import { stripe } from '@hookgate/signatures';
import { z } from 'zod';

export function createRecipeReceiver(secret: string) {
  return createReceiver({
    scheme: stripe({ secret }),
    events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
  }).on('invoice.paid', (invoice) => ({ ok: true, received: invoice.id }));
}
