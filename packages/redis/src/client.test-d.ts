import type { Cluster, Redis } from 'ioredis';
import { createClient, createCluster } from 'redis';
import { expectTypeOf, test } from 'vitest';
import type { RedisClientLike } from './client.js';
import type { IoRedisPipelineLike } from './io-redis-batch.js';

test('node-redis clients and clusters are accepted as they come', () => {
  expectTypeOf(createClient()).toExtend<RedisClientLike>();
  expectTypeOf(createClient({ RESP: 3 })).toExtend<RedisClientLike>();
  expectTypeOf(createCluster({ rootNodes: [] })).toExtend<RedisClientLike>();
  expectTypeOf({ get: () => null }).not.toExtend<RedisClientLike>();
});

test('ioredis clients and clusters are accepted as they come, pipeline included', () => {
  expectTypeOf<Redis>().toExtend<RedisClientLike>();
  expectTypeOf<Cluster>().toExtend<RedisClientLike>();
  expectTypeOf<ReturnType<Redis['pipeline']>>().toExtend<IoRedisPipelineLike>();
});
