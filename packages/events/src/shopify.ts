import { type Catalogue, createCatalogue, createEnvelope } from './catalogue.js';

/**
 * A Shopify webhook body: the resource the topic is about, as the Admin REST API renders it.
 * Shopify publishes no machine-readable schema of webhook payloads, so only the fields every
 * resource has are typed; read the rest with your own schema where you rely on it.
 */
export interface ShopifyResource {
  id: number;
  admin_graphql_api_id?: string | undefined;
  created_at?: string | undefined;
  updated_at?: string | undefined;
  [field: string]: unknown;
}

/** `customers/data_request`, a mandatory compliance webhook (shopify.dev/docs/apps/build/compliance/privacy-law-compliance). */
export interface ShopifyCustomersDataRequest {
  shop_id: number;
  shop_domain: string;
  orders_requested: number[];
  customer: { id: number; email: string; phone: string };
  data_request: { id: number };
}

/** `customers/redact`, a mandatory compliance webhook. */
export interface ShopifyCustomersRedact {
  shop_id: number;
  shop_domain: string;
  customer: { id: number; email: string; phone: string };
  orders_to_redact: number[];
}

/** `shop/redact`, a mandatory compliance webhook, 48 hours after an app is uninstalled. */
export interface ShopifyShopRedact {
  shop_id: number;
  shop_domain: string;
}

// Topics from shopify.dev/docs/api/webhooks (REST names, as the X-Shopify-Topic header carries
// them) whose body is the resource itself.
const RESOURCE_TOPICS = [
  'app/uninstalled',
  'carts/create',
  'carts/update',
  'checkouts/create',
  'checkouts/delete',
  'checkouts/update',
  'collections/create',
  'collections/delete',
  'collections/update',
  'customers/create',
  'customers/delete',
  'customers/disable',
  'customers/enable',
  'customers/update',
  'draft_orders/create',
  'draft_orders/delete',
  'draft_orders/update',
  'fulfillments/create',
  'fulfillments/update',
  'inventory_items/create',
  'inventory_items/delete',
  'inventory_items/update',
  'inventory_levels/connect',
  'inventory_levels/disconnect',
  'inventory_levels/update',
  'orders/cancelled',
  'orders/create',
  'orders/delete',
  'orders/edited',
  'orders/fulfilled',
  'orders/paid',
  'orders/partially_fulfilled',
  'orders/updated',
  'products/create',
  'products/delete',
  'products/update',
  'refunds/create',
  'shop/update',
  'themes/publish',
] as const;

/** The payload of each catalogued Shopify topic. */
export type ShopifyEventPayloads = { [T in (typeof RESOURCE_TOPICS)[number]]: ShopifyResource } & {
  'customers/data_request': ShopifyCustomersDataRequest;
  'customers/redact': ShopifyCustomersRedact;
  'shop/redact': ShopifyShopRedact;
};

/** The Shopify catalogue's type. */
export type ShopifyEvents = Catalogue<ShopifyEventPayloads>;

// Shopify routes by X-Shopify-Topic and de-duplicates by X-Shopify-Webhook-Id (headers); the
// body only has to be a JSON object.
const envelope = createEnvelope('hookgate/shopify', () => undefined);

/**
 * Common Shopify webhook topics and the three mandatory compliance topics. Shopify publishes no
 * payload schema: the compliance topics are typed field by field from Shopify's documentation,
 * the others as a {@link ShopifyResource}. Spread it and add a schema for any other topic.
 *
 * @example
 * ```ts
 * import { shopifyEvents } from '@hookgate/events/shopify';
 * const receiver = createReceiver({ scheme: shopify({ secret }), events: shopifyEvents });
 * receiver.on('shop/redact', async (event) => forgetShop(event.shop_domain));
 * ```
 */
export const shopifyEvents: ShopifyEvents = createCatalogue<ShopifyEventPayloads>(
  [...RESOURCE_TOPICS, 'customers/data_request', 'customers/redact', 'shop/redact'],
  envelope,
);
