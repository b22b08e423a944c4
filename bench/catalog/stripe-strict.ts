import { strictStripeEvents } from '@hookgate/events/stripe';
import { stripe } from '@hookgate/signatures';
import { type Delivery, firstDelivery } from './variants.js';

export function run(delivery: Delivery) {
  return firstDelivery(strictStripeEvents, 'invoice.created', delivery, stripe);
}
