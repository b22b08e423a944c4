import { describe, expect, it } from 'vitest';
import { createSchemaLoader, type SchemaModule } from './strict-schema.js';

describe('createSchemaLoader', () => {
  it('imports a module once, and tries again after an import that failed', async () => {
    let calls = 0;
    const module = {} as SchemaModule;
    const load = createSchemaLoader({
      'a.b': async () => {
        calls++;
        if (calls === 1) throw new Error('transient read error');
        return module;
      },
    });
    await expect(load('a.b')).rejects.toThrow('transient read error');
    await expect(load('a.b')).resolves.toBe(module);
    await expect(load('a.b')).resolves.toBe(module);
    expect(calls).toBe(2);
    expect(load('unknown')).toBeUndefined();
  });
});
