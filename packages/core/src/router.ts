import { WebhookError } from '@hookgate/signatures';
import type { StandardIssue, StandardSchemaV1 } from './standard-schema.js';
import type { EventSchemas, Handler } from './types.js';

/** Where one delivery goes. */
export interface Route {
  /** Event keys with a schema: the exact type, then its bare name where the scheme routes by it. */
  keys: string[];
  handlers: Handler<unknown>[];
  /** For each handler, the index in `keys` of the schema that types its payload. */
  schemaOf: number[];
}

/** Handlers by event type, and the schemas that type them. */
export interface Router {
  on(type: string, handler: Handler<unknown>): void;
  onAny(handler: Handler<unknown>): void;
  /** The schemas and handlers of an event type; no handlers means the delivery is unhandled. */
  resolve(eventType: string): Route;
  /** Each handler's payload, validated by its schema; throws `SCHEMA_MISMATCH`. */
  validate(route: Route, payload: unknown, eventType: string): Promise<unknown[]>;
}

/**
 * Routes by event type. With `bareNameRouting` (GitHub, Linear), `issues.opened` also reaches
 * handlers of `issues`, each handler getting the output of its own key's schema.
 */
export function createRouter(events: EventSchemas, bareNameRouting: boolean): Router {
  const handlers = new Map<string, Handler<unknown>[]>();
  const anyHandlers: Handler<unknown>[] = [];
  return {
    on(type, handler) {
      const list = handlers.get(type) ?? [];
      list.push(handler);
      handlers.set(type, list);
    },
    onAny(handler) {
      anyHandlers.push(handler);
    },
    resolve(eventType) {
      const keys = [eventType];
      if (bareNameRouting && eventType.includes('.')) keys.push(eventType.slice(0, eventType.indexOf('.')));
      const route: Route = { keys: [], handlers: [], schemaOf: [] };
      for (const key of keys) {
        if (!Object.hasOwn(events, key)) continue;
        route.keys.push(key);
        for (const handler of handlers.get(key) ?? []) {
          route.handlers.push(handler);
          route.schemaOf.push(route.keys.length - 1);
        }
      }
      if (route.keys.length > 0) {
        for (const handler of anyHandlers) {
          route.handlers.push(handler);
          route.schemaOf.push(0);
        }
      }
      return route;
    },
    async validate(route, payload, eventType) {
      const outputs: unknown[] = [];
      for (const key of route.keys) {
        const schema = events[key] as StandardSchemaV1;
        const result = await schema['~standard'].validate(payload);
        if (result.issues) {
          throw new WebhookError(
            'SCHEMA_MISMATCH',
            `the ${eventType} payload does not match its schema: ${summarise(result.issues)}`,
            { details: result.issues },
          );
        }
        outputs.push(result.value);
      }
      return route.schemaOf.map((index) => outputs[index]);
    },
  };
}

function summarise(issues: readonly StandardIssue[]): string {
  const [first] = issues;
  if (!first) return 'invalid';
  const path = (first.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${path ? `${path}: ` : ''}${first.message}${more}`;
}
