/**
 * The workerd config of the store tests: the example Worker (which defines the Durable Object
 * class) and the store proxy bound to its namespace, each with a socket.
 */
export function storeTestConfig(): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .main), (name = "proxy", worker = .proxy)],
  sockets = [
    (name = "http", address = "127.0.0.1:0", http = (), service = "main"),
    (name = "store", address = "127.0.0.1:0", http = (), service = "proxy"),
  ],
);

const main :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "STRIPE_WEBHOOK_SECRET", fromEnvironment = "STRIPE_WEBHOOK_SECRET"),
    (name = "IDEMPOTENCY", durableObjectNamespace = "IdempotencyObject"),
  ],
  durableObjectNamespaces = [(className = "IdempotencyObject", uniqueKey = "hookgate-idempotency")],
  durableObjectStorage = (inMemory = void),
);

const proxy :Workerd.Worker = (
  modules = [(name = "proxy.js", esModule = embed "proxy.js")],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "IDEMPOTENCY", durableObjectNamespace = (serviceName = "main", className = "IdempotencyObject")),
  ],
);
`;
}
