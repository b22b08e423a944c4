/** The workerd config of the Hono test Worker (memory store; the secret from the environment). */
export const honoConfig = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .main)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const main :Workerd.Worker = (
  modules = [(name = "hono.js", esModule = embed "hono.js")],
  compatibilityDate = "2025-09-01",
  bindings = [(name = "STRIPE_WEBHOOK_SECRET", fromEnvironment = "STRIPE_WEBHOOK_SECRET")],
);
`;
