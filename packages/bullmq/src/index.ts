export type { DeadLetter, ReplayResult } from './dead-letters.js';
export { listDeadLetters, replayDeadLetters } from './dead-letters.js';
export { deliveryJobOptions, jobIdOf } from './job-options.js';
export type { QueueDispatcher, QueueDispatchOptions } from './queue-dispatch.js';
export { queueDispatch } from './queue-dispatch.js';
export type { StartWorkerOptions } from './start-worker.js';
export { startWorker } from './start-worker.js';
