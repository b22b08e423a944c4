import type { Cluster, Redis } from 'ioredis';
import { createClient, createCluster } from 'redis';
import { createClient as createClientV4, createCluster as createClusterV4 } from 'redis4';
import { expectTypeOf, test } from 'vitest';
import type { RedisClientLike } from './client.js';

test('node-redis clients and clusters are accepted as they come', () => {
  expectTypeOf(createClient()).toExtend<RedisClientLike>();
  expectTypeOf(createClient({ RESP: 3 })).toExtend<RedisClientLike>();
  expectTypeOf(createCluster({ rootNodes: [] })).toExtend<RedisClientLike>();
  expectTypeOf({ get: () => null }).not.toExtend<RedisClientLike>();
});

test('node-redis v4 clients and clusters are accepted too', () => {
  expectTypeOf(createClientV4()).toExtend<RedisClientLike>();
  expectTypeOf(createClusterV4({ rootNodes: [] })).toExtend<RedisClientLike>();
});

test('ioredis clients and clusters are accepted as they come', () => {
  expectTypeOf<Redis>().toExtend<RedisClientLike>();
  expectTypeOf<Cluster>().toExtend<RedisClientLike>();
});
