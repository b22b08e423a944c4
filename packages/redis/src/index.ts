export type { IoRedisLike, NodeRedisLike, RedisClientLike } from './client.js';
export type { RedisStoreOptions } from './redis-store.js';
export { createRedisStore } from './redis-store.js';
