import {
  createIdSource,
  isoTime,
  JSON_CONTENT_TYPE,
  type Sample,
  type SampleOptions,
  sampleTime,
} from './sample.js';

// An `orders/create` webhook as shopify.dev "Webhook topics" and the REST Order resource
// describe it: compact JSON, money as decimal strings. The topic, shop and API version are
// headers (`@shopify/shopify-api` `webhooks.validate` requires them); `X-Shopify-Webhook-Id`
// is added when signing with the sample's `id`.
const API_VERSION = '2025-07';
const SHOP = 'example-store.myshopify.com';

/** Shopify `orders/create`: a two-line order paid by card. */
export function ordersCreate(options: SampleOptions = {}): Sample {
  const id = options.id ?? globalThis.crypto.randomUUID();
  const ids = createIdSource(id);
  const time = sampleTime(options);
  const orderId = Number(ids.digits('order', 13));
  const created = isoTime(time).replace('Z', '-04:00');
  const lineItem = (label: string, title: string, price: string, quantity: number) => ({
    id: Number(ids.digits(`${label}-line`, 14)),
    admin_graphql_api_id: `gid://shopify/LineItem/${ids.digits(`${label}-line`, 14)}`,
    product_id: Number(ids.digits(`${label}-product`, 13)),
    variant_id: Number(ids.digits(`${label}-variant`, 14)),
    title,
    name: title,
    sku: label.toUpperCase(),
    vendor: 'Example Store',
    quantity,
    price,
    price_set: {
      shop_money: { amount: price, currency_code: 'USD' },
      presentment_money: { amount: price, currency_code: 'USD' },
    },
    requires_shipping: true,
    taxable: true,
    fulfillment_status: null,
  });
  const payload = {
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    app_id: 580111,
    browser_ip: '203.0.113.42',
    buyer_accepts_marketing: false,
    confirmation_number: ids.alnum('confirmation', 9).toUpperCase(),
    confirmed: true,
    contact_email: 'jon@example.com',
    created_at: created,
    currency: 'USD',
    current_subtotal_price: '59.00',
    current_total_price: '64.90',
    current_total_tax: '5.90',
    email: 'jon@example.com',
    financial_status: 'paid',
    fulfillment_status: null,
    name: `#${1000 + (Number(ids.digits('name', 4)) % 9000)}`,
    order_number: 1000 + (Number(ids.digits('name', 4)) % 9000),
    processed_at: created,
    subtotal_price: '59.00',
    tags: '',
    test: false,
    total_discounts: '0.00',
    total_line_items_price: '59.00',
    total_price: '64.90',
    total_tax: '5.90',
    total_weight: 800,
    updated_at: created,
    customer: {
      id: Number(ids.digits('customer', 13)),
      email: 'jon@example.com',
      first_name: 'Jon',
      last_name: 'Snow',
      state: 'enabled',
      currency: 'USD',
      admin_graphql_api_id: `gid://shopify/Customer/${ids.digits('customer', 13)}`,
    },
    line_items: [
      lineItem('tee', 'Organic cotton T-shirt', '29.00', 1),
      lineItem('mug', 'Enamel mug', '15.00', 2),
    ],
    shipping_address: {
      first_name: 'Jon',
      last_name: 'Snow',
      address1: '123 Main Street',
      city: 'Ottawa',
      province: 'Ontario',
      country: 'Canada',
      zip: 'K2P 1L4',
      country_code: 'CA',
      province_code: 'ON',
    },
  };
  return {
    provider: 'shopify',
    event: 'orders/create',
    id,
    body: JSON.stringify(payload),
    contentType: JSON_CONTENT_TYPE,
    headers: {
      'User-Agent': 'Shopify-Captain-Hook',
      'X-Shopify-Topic': 'orders/create',
      'X-Shopify-Shop-Domain': SHOP,
      'X-Shopify-API-Version': API_VERSION,
      'X-Shopify-Triggered-At': isoTime(time, 6),
      'X-Shopify-Event-Id': ids.uuid('event'),
    },
    timestamp: time,
  };
}

/** Shopify samples, by topic. */
export const shopifySamples = {
  'orders/create': ordersCreate,
};
