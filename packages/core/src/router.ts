import { WebhookError } from '@hookgate/signatures';
import { isPromise } from './maybe-promise.js';
import type { StandardIssue, StandardSchemaV1 } from './standard-schema.js';
import type { EventSchemas, Handler } from './types.js';

/** Where one delivery goes. */
export interface Route {
  /** Event keys with a schema: the exact type, then its bare name where the scheme routes by it. */
  keys: string[];
  handlers: Handler<unknown>[];
  /** For each handler, the index in `keys` of the schema that types its payload; -1: unvalidated. */
  schemaOf: number[];
}

/** Handlers by event type, and the schemas that type them. */
export interface Router {
  on(type: string, handler: Handler<unknown>): void;
  onAny(handler: Handler<unknown>): void;
  /** A catch-all for every type, declared or not; its payload is the parsed, unvalidated one. */
  onEvery(handler: Handler<unknown>): void;
  /** The schemas and handlers of an event type; no handlers means the delivery is unhandled. */
  resolve(eventType: string): Route;
  /**
   * Each handler's payload, validated by its schema; throws `SCHEMA_MISMATCH`. Synchronous
   * when the schemas are (zod's are), so that validation costs no turn of the event loop.
   */
  validate(route: Route, payload: unknown, eventType: string): unknown[] | Promise<unknown[]>;
}

/**
 * Routes by event type. With `bareNameRouting` (GitHub, Linear), `issues.opened` also reaches
 * handlers of `issues`, each handler getting the output of its own key's schema.
 */
export function createRouter(events: EventSchemas, bareNameRouting: boolean): Router {
  const handlers = new Map<string, Handler<unknown>[]>();
  const anyHandlers: Handler<unknown>[] = [];
  const everyHandlers: Handler<unknown>[] = [];
  // The route of every undeclared type: one object, so that invented types cost no cache entry.
  let undeclared: Route | undefined;
  // Routes of declared event types, made once; a type without a schema is not kept, so the
  // cache stays as small as `events` whatever types senders invent.
  const routes = new Map<string, Route>();
  return {
    on(type, handler) {
      const list = handlers.get(type) ?? [];
      list.push(handler);
      handlers.set(type, list);
      routes.clear();
    },
    onAny(handler) {
      anyHandlers.push(handler);
      routes.clear();
    },
    onEvery(handler) {
      everyHandlers.push(handler);
      routes.clear();
      undeclared = undefined;
    },
    resolve(eventType) {
      const cached = routes.get(eventType);
      if (cached) return cached;
      const route = makeRoute(eventType);
      if (route.keys.length > 0) routes.set(eventType, route);
      else if (everyHandlers.length > 0) {
        undeclared ??= route;
        return undeclared;
      }
      return route;
    },
    validate(route, payload, eventType) {
      const outputs: unknown[] = [];
      for (let index = 0; index < route.keys.length; index++) {
        const schema = events[route.keys[index]!] as StandardSchemaV1;
        const result = schema['~standard'].validate(payload);
        if (isPromise(result)) return validateRest(route, payload, eventType, outputs, index, result);
        outputs.push(checked(result, eventType));
      }
      return route.schemaOf.map((index) => (index < 0 ? payload : outputs[index]));
    },
  };

  /** The rest of `validate` once a schema answered with a promise. */
  async function validateRest(
    route: Route,
    payload: unknown,
    eventType: string,
    outputs: unknown[],
    from: number,
    pending: PromiseLike<StandardResult>,
  ): Promise<unknown[]> {
    outputs.push(checked(await pending, eventType));
    for (let index = from + 1; index < route.keys.length; index++) {
      const schema = events[route.keys[index]!] as StandardSchemaV1;
      outputs.push(checked(await schema['~standard'].validate(payload), eventType));
    }
    return route.schemaOf.map((index) => (index < 0 ? payload : outputs[index]));
  }

  function makeRoute(eventType: string): Route {
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
    for (const handler of everyHandlers) {
      route.handlers.push(handler);
      route.schemaOf.push(-1);
    }
    return route;
  }
}

type StandardResult = Awaited<ReturnType<StandardSchemaV1['~standard']['validate']>>;

/** The validated value, or `SCHEMA_MISMATCH` with the issues. */
function checked(result: StandardResult, eventType: string): unknown {
  if (result.issues) {
    throw new WebhookError(
      'SCHEMA_MISMATCH',
      `the ${eventType} payload does not match its schema: ${summarise(result.issues)}`,
      { details: result.issues },
    );
  }
  return result.value;
}

/**
 * The first issue, for the message that is logged, answered and kept by the queue as a failed
 * job's reason: its path and the validator's words, with every quoted value blanked, since some
 * validators quote what they received (valibot: `but received "tok_…"`, zod 3 enums), and a
 * payload may carry personal data or tokens. The issues themselves stay in `details`.
 */
function summarise(issues: readonly StandardIssue[]): string {
  const [first] = issues;
  if (!first) return 'invalid';
  const path = (first.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const words = first.message.replace(QUOTED, (quoted) => `${quoted[0]}…${quoted[0]}`).slice(0, 200);
  return `${path ? `${path}: ` : ''}${words}${more}`;
}

/** A double-, single- or back-quoted string, escapes included. */
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g;
