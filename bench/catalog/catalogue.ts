import { githubEvents } from '@hookgate/events/github';
import { type Delivery, firstDelivery } from './variants.js';

export function run(delivery: Delivery) {
  return firstDelivery(githubEvents, 'check_run.completed', delivery);
}
