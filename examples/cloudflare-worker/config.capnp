# workerd configuration of the example: `npm start` bundles src/worker.ts to dist/worker.js and
# runs `workerd serve config.capnp` (127.0.0.1:8787; the secret from the environment).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [
    (name = "STRIPE_WEBHOOK_SECRET", fromEnvironment = "STRIPE_WEBHOOK_SECRET"),
    (name = "IDEMPOTENCY", durableObjectNamespace = "IdempotencyObject"),
  ],
  durableObjectNamespaces = [(className = "IdempotencyObject", uniqueKey = "hookgate-idempotency")],
  # Local runs keep the objects in memory; on Cloudflare they are stored durably.
  durableObjectStorage = (inMemory = void),
);
