/**
 * Realistic webhook bodies of an exact size: a Stripe `invoice.paid` event and a GitHub
 * `push` event, shaped like the real ones (nested objects, arrays, nulls), grown with more
 * line items or commits and padded with a free-text field to the byte. Each serialised body
 * holds one ASCII slot (`slot`) where a unique id is written per delivery.
 */

/** A serialised body and where its id slot is. */
export interface Template {
  json: string;
  /** Byte offset of the slot (the text before it is ASCII). */
  offset: number;
  /** Length of the slot in bytes. */
  length: number;
}

const CREATED = 1_767_225_600;

function lineItem(index: number) {
  return {
    id: `il_1PqXyZLkdIwHu7ix${String(index).padStart(8, '0')}`,
    object: 'line_item',
    amount: 4200,
    amount_excluding_tax: 4200,
    currency: 'eur',
    description: `1 × Pro plan seat ${index} (at €42.00 / month)`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice_item: null,
    livemode: false,
    metadata: {},
    period: { end: CREATED + 2_592_000, start: CREATED },
    price: {
      id: 'price_1PqXyZLkdIwHu7ixPro',
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      currency: 'eur',
      product: 'prod_QhXyZPro',
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
      type: 'recurring',
      unit_amount: 4200,
    },
    proration: false,
    quantity: 1,
    subscription: 'sub_1PqXyZLkdIwHu7ixSub',
    type: 'subscription',
  };
}

function invoiceEvent(id: string, lines: number, note: string, customerName: string) {
  return {
    id,
    object: 'event',
    api_version: '2024-06-20',
    created: CREATED,
    data: {
      object: {
        id: 'in_1PqXyZLkdIwHu7ixQ0aBcDeF',
        object: 'invoice',
        account_country: 'DE',
        account_name: 'Acme GmbH',
        account_tax_ids: null,
        amount_due: 4200 * lines,
        amount_paid: 4200 * lines,
        amount_remaining: 0,
        attempt_count: 1,
        attempted: true,
        billing_reason: 'subscription_cycle',
        charge: 'ch_3PqXyZLkdIwHu7ix0aBcDeFg',
        collection_method: 'charge_automatically',
        created: CREATED,
        currency: 'eur',
        customer: 'cus_QhXyZaBcDeFgHi',
        customer_address: { city: 'Berlin', country: 'DE', line1: 'Invalidenstraße 1', postal_code: '10115' },
        customer_email: 'ada@example.com',
        customer_name: customerName,
        customer_phone: null,
        default_payment_method: null,
        description: null,
        discounts: [],
        due_date: null,
        hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1PqXyZLkdIwHu7ix/test_YWNjdF8xUHFYeVpM',
        lines: {
          object: 'list',
          data: Array.from({ length: lines }, (_, index) => lineItem(index)),
          has_more: false,
          total_count: lines,
          url: '/v1/invoices/in_1PqXyZLkdIwHu7ixQ0aBcDeF/lines',
        },
        livemode: false,
        metadata: { note },
        number: 'ACME-0042',
        paid: true,
        payment_intent: 'pi_3PqXyZLkdIwHu7ix0aBcDeFg',
        period_end: CREATED,
        period_start: CREATED - 2_592_000,
        status: 'paid',
        status_transitions: { finalized_at: CREATED, paid_at: CREATED },
        subscription: 'sub_1PqXyZLkdIwHu7ixSub',
        subtotal: 4200 * lines,
        total: 4200 * lines,
      },
    },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'invoice.paid',
  };
}

const sha = (seed: number) => seed.toString(16).padStart(8, '0').repeat(5);

function commit(index: number, message: string) {
  return {
    id: sha(index + 1),
    tree_id: sha(index + 1000),
    distinct: true,
    message,
    timestamp: '2026-01-01T00:00:00Z',
    url: `https://github.com/acme/shop/commit/${sha(index + 1)}`,
    author: { name: 'Ada Lovelace', email: 'ada@example.com', username: 'ada' },
    committer: { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' },
    added: [],
    removed: [],
    modified: [`src/module-${index}.ts`],
  };
}

function pushEvent(after: string, commits: number, message: string) {
  const list = Array.from({ length: commits }, (_, index) =>
    commit(index, index === commits - 1 ? message : `Fix ${index}`),
  );
  return {
    ref: 'refs/heads/main',
    before: sha(0),
    after,
    repository: {
      id: 1_296_269,
      node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
      name: 'shop',
      full_name: 'acme/shop',
      private: false,
      owner: { name: 'acme', login: 'acme', id: 1, type: 'Organization', site_admin: false },
      html_url: 'https://github.com/acme/shop',
      default_branch: 'main',
      pushed_at: CREATED,
    },
    pusher: { name: 'ada', email: 'ada@example.com' },
    sender: { login: 'ada', id: 2, type: 'User', site_admin: false },
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: `https://github.com/acme/shop/compare/${sha(0).slice(0, 12)}...${after.slice(0, 12)}`,
    commits: list,
    head_commit: list.at(-1) ?? null,
  };
}

/**
 * Grows `build(count, padding)` by whole units (line items, commits) while it fits in `size`,
 * then pads the free-text field to the exact byte count.
 */
function fit(size: number, build: (count: number, padding: string) => string, filler: string): string {
  let count = 1;
  if (Buffer.byteLength(build(count, '')) > size) throw new RangeError(`no payload fits in ${size} bytes`);
  while (Buffer.byteLength(build(count + 1, '')) <= size) count++;
  let padding = '';
  while (Buffer.byteLength(build(count, padding + filler)) <= size) padding += filler;
  while (Buffer.byteLength(build(count, `${padding}x`)) <= size) padding += 'x';
  return build(count, padding);
}

function template(json: string, slot: string): Template {
  const at = json.indexOf(slot);
  if (at < 0 || json.indexOf(slot, at + 1) >= 0) throw new Error('the id slot must occur exactly once');
  return { json, offset: Buffer.byteLength(json.slice(0, at)), length: slot.length };
}

/** The id slot: 28 characters, the length of `evt_` + 24 (a real Stripe event id). */
export const STRIPE_SLOT = `evt_${'#'.repeat(24)}`;
/** The `after` commit SHA of a push: 40 characters. */
export const GITHUB_SLOT = '#'.repeat(40);

/** A Stripe `invoice.paid` event of exactly `size` bytes; `nonAscii` fills it with é☃漢 text. */
export function stripeInvoiceTemplate(size: number, nonAscii = false): Template {
  const name = nonAscii ? 'Zoë Ångström-漢字' : 'Ada Lovelace';
  const filler = nonAscii ? 'é☃漢 ' : 'Thank you for your business. ';
  const json = fit(
    size,
    (lines, note) => JSON.stringify(invoiceEvent(STRIPE_SLOT, lines, note, name)),
    filler,
  );
  return template(json, STRIPE_SLOT);
}

/** A GitHub `push` event of exactly `size` bytes. */
export function githubPushTemplate(size: number): Template {
  const json = fit(
    size,
    (commits, message) => JSON.stringify(pushEvent(GITHUB_SLOT, commits, `Release ${message}`)),
    'notes ',
  );
  return template(json, GITHUB_SLOT);
}
