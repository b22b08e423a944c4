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

const PRICE = {
  id: 'price_1PqXyZLkdIwHu7ixPro',
  object: 'price',
  active: true,
  billing_scheme: 'per_unit',
  created: CREATED - 31_536_000,
  currency: 'eur',
  custom_unit_amount: null,
  livemode: false,
  lookup_key: null,
  metadata: {},
  nickname: null,
  product: 'prod_QhXyZPro',
  recurring: {
    aggregate_usage: null,
    interval: 'month',
    interval_count: 1,
    meter: null,
    trial_period_days: null,
    usage_type: 'licensed',
  },
  tax_behavior: 'unspecified',
  tiers_mode: null,
  transform_quantity: null,
  type: 'recurring',
  unit_amount: 4200,
  unit_amount_decimal: '4200',
};

const PLAN = {
  id: 'price_1PqXyZLkdIwHu7ixPro',
  object: 'plan',
  active: true,
  aggregate_usage: null,
  amount: 4200,
  amount_decimal: '4200',
  billing_scheme: 'per_unit',
  created: CREATED - 31_536_000,
  currency: 'eur',
  interval: 'month',
  interval_count: 1,
  livemode: false,
  metadata: {},
  meter: null,
  nickname: null,
  product: 'prod_QhXyZPro',
  tiers_mode: null,
  transform_usage: null,
  trial_period_days: null,
  usage_type: 'licensed',
};

/** A subscription line item as the 2024-06-20 API writes it (about 1.6 KiB). */
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
    invoice: 'in_1PqXyZLkdIwHu7ixQ0aBcDeF',
    livemode: false,
    metadata: {},
    period: { end: CREATED + 2_592_000, start: CREATED },
    plan: PLAN,
    price: PRICE,
    proration: false,
    proration_details: { credited_items: null },
    quantity: 1,
    subscription: 'sub_1PqXyZLkdIwHu7ixSub',
    subscription_item: `si_QhXyZaBcDe${String(index).padStart(4, '0')}`,
    tax_amounts: [],
    tax_rates: [],
    type: 'subscription',
    unit_amount_excluding_tax: '4200',
  };
}

/** An `invoice.paid` event with the invoice's full set of fields, as Stripe sends it. */
function invoiceEvent(id: string, lines: number, note: string, customerName: string) {
  const amount = 4200 * lines;
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
        amount_due: amount,
        amount_paid: amount,
        amount_remaining: 0,
        amount_shipping: 0,
        application: null,
        application_fee_amount: null,
        attempt_count: 1,
        attempted: true,
        auto_advance: false,
        automatic_tax: { enabled: false, liability: null, status: null },
        billing_reason: 'subscription_cycle',
        charge: 'ch_3PqXyZLkdIwHu7ix0aBcDeFg',
        collection_method: 'charge_automatically',
        created: CREATED,
        currency: 'eur',
        custom_fields: null,
        customer: 'cus_QhXyZaBcDeFgHi',
        customer_address: {
          city: 'Berlin',
          country: 'DE',
          line1: 'Invalidenstraße 1',
          line2: null,
          postal_code: '10115',
          state: null,
        },
        customer_email: 'ada@example.com',
        customer_name: customerName,
        customer_phone: null,
        customer_shipping: null,
        customer_tax_exempt: 'none',
        customer_tax_ids: [],
        default_payment_method: null,
        default_source: null,
        default_tax_rates: [],
        description: null,
        discount: null,
        discounts: [],
        due_date: null,
        effective_at: CREATED,
        ending_balance: 0,
        footer: null,
        from_invoice: null,
        hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1PqXyZLkdIwHu7ix/test_YWNjdF8xUHFYeVpM',
        invoice_pdf: 'https://pay.stripe.com/invoice/acct_1PqXyZLkdIwHu7ix/test_YWNjdF8xUHFYeVpM/pdf?s=ap',
        issuer: { type: 'self' },
        last_finalization_error: null,
        latest_revision: null,
        lines: {
          object: 'list',
          data: Array.from({ length: lines }, (_, index) => lineItem(index)),
          has_more: false,
          total_count: lines,
          url: '/v1/invoices/in_1PqXyZLkdIwHu7ixQ0aBcDeF/lines',
        },
        livemode: false,
        metadata: { note },
        next_payment_attempt: null,
        number: 'ACME-0042',
        on_behalf_of: null,
        paid: true,
        paid_out_of_band: false,
        payment_intent: 'pi_3PqXyZLkdIwHu7ix0aBcDeFg',
        payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
        period_end: CREATED,
        period_start: CREATED - 2_592_000,
        post_payment_credit_notes_amount: 0,
        pre_payment_credit_notes_amount: 0,
        quote: null,
        receipt_number: null,
        rendering: { amount_tax_display: null, pdf: { page_size: 'auto' } },
        shipping_cost: null,
        shipping_details: null,
        starting_balance: 0,
        statement_descriptor: null,
        status: 'paid',
        status_transitions: {
          finalized_at: CREATED,
          marked_uncollectible_at: null,
          paid_at: CREATED,
          voided_at: null,
        },
        subscription: 'sub_1PqXyZLkdIwHu7ixSub',
        subscription_details: { metadata: {} },
        subtotal: amount,
        subtotal_excluding_tax: amount,
        tax: null,
        test_clock: null,
        total: amount,
        total_discount_amounts: [],
        total_excluding_tax: amount,
        total_tax_amounts: [],
        transfer_data: null,
        webhooks_delivered_at: CREATED,
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
function fitToSize(size: number, build: (count: number, padding: string) => string, filler: string): string {
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

/** The fields of a compact invoice and line item, for bodies too small for the full ones. */
const COMPACT_INVOICE = ['id', 'object', 'amount_paid', 'currency', 'customer', 'customer_email', 'lines'];
const COMPACT_INVOICE_MORE = ['metadata', 'status', 'subscription', 'total'];
const COMPACT_LINE = ['id', 'object', 'amount', 'currency', 'description', 'period', 'quantity', 'type'];

function pick<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key))) as Partial<T>;
}

function compactInvoiceEvent(id: string, lines: number, note: string, customerName: string) {
  const event = invoiceEvent(id, lines, note, customerName);
  const invoice = event.data.object;
  const compact = {
    ...pick(invoice, [...COMPACT_INVOICE, ...COMPACT_INVOICE_MORE]),
    lines: {
      ...invoice.lines,
      data: invoice.lines.data.map((line) => ({
        ...pick(line, COMPACT_LINE),
        price: { id: PRICE.id, unit_amount: PRICE.unit_amount },
      })),
    },
  };
  return { ...event, data: { object: compact } };
}

/**
 * A Stripe `invoice.paid` event of exactly `size` bytes; `nonAscii` fills it with é☃漢 text.
 * A full invoice (every field the API sends) takes about 4 KiB with one line item; smaller
 * sizes get a compact invoice with the fields the schemas read.
 */
export function stripeInvoiceTemplate(size: number, nonAscii = false): Template {
  const name = nonAscii ? 'Zoë Ångström-漢字' : 'Ada Lovelace';
  const filler = nonAscii ? 'é☃漢 ' : 'Thank you for your business. ';
  const full = Buffer.byteLength(JSON.stringify(invoiceEvent(STRIPE_SLOT, 1, '', name))) <= size;
  const build = full ? invoiceEvent : compactInvoiceEvent;
  const json = fitToSize(
    size,
    (lines, note) => JSON.stringify(build(STRIPE_SLOT, lines, note, name)),
    filler,
  );
  return template(json, STRIPE_SLOT);
}

/** A GitHub `push` event of exactly `size` bytes. */
export function githubPushTemplate(size: number): Template {
  const json = fitToSize(
    size,
    (commits, message) => JSON.stringify(pushEvent(GITHUB_SLOT, commits, `Release ${message}`)),
    'notes ',
  );
  return template(json, GITHUB_SLOT);
}
