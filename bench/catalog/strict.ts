import { strictGithubEvents } from '@hookgate/events/github';
import { type Delivery, firstDelivery } from './variants.js';

export function run(delivery: Delivery) {
  return firstDelivery(strictGithubEvents, 'check_run.completed', delivery);
}
