import { stripeEvents } from '@hookgate/events/stripe';
import { stripe } from '@hookgate/signatures';
import { type Delivery, firstDelivery } from './variants.js';

export function run(delivery: Delivery) {
  return firstDelivery(stripeEvents, 'invoice.created', delivery, stripe);
}
