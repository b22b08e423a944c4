import {
  createIdSource,
  isoTime,
  JSON_CONTENT_TYPE,
  randomString,
  type Sample,
  type SampleOptions,
  sampleTime,
} from './sample.js';

// A Paddle Billing notification (developer.paddle.com/webhooks/transactions/transaction-completed):
// the event envelope (`event_id`, `event_type`, `occurred_at`, `notification_id`) around a
// transaction entity, complete enough for `@paddle/paddle-node-sdk` `webhooks.unmarshal` to
// build its `TransactionCompletedEvent`. Amounts are strings of the lowest denomination.
const LOWER = '0123456789abcdefghjkmnpqrstvwxyz';

/** Paddle `transaction.completed`: ten seats of a monthly plan, paid by card. The id is the `event_id`. */
export function transactionCompleted(options: SampleOptions = {}): Sample {
  const id = options.id ?? `evt_${randomString(26, LOWER)}`;
  const ids = createIdSource(id);
  const paddleId = (prefix: string, label: string) => `${prefix}_${ids.alnum(label, 26).toLowerCase()}`;
  const time = sampleTime(options);
  const at = isoTime(time, 6);
  const earlier = isoTime(time - 120, 6);
  const productId = paddleId('pro', 'product');
  const priceId = paddleId('pri', 'price');
  const transactionId = paddleId('txn', 'transaction');
  const totals = { subtotal: '30000', discount: '0', tax: '5220', total: '35220' };
  const product = {
    id: productId,
    name: 'AeroEdit for learner pilots',
    type: 'standard',
    tax_category: 'standard',
    description: 'Essential tools for student pilots to manage flight logs and analyze performance.',
    image_url: 'https://paddle.s3.amazonaws.com/user/165798/bT1XUOJAQhOUxGs83cbk_pro.png',
    custom_data: null,
    status: 'active',
    import_meta: null,
    created_at: '2023-02-23T12:43:46.605Z',
    updated_at: '2024-04-05T15:53:44.687Z',
  };
  const payload = {
    event_id: id,
    event_type: 'transaction.completed',
    occurred_at: at,
    notification_id: paddleId('ntf', 'notification'),
    data: {
      id: transactionId,
      status: 'completed',
      customer_id: paddleId('ctm', 'customer'),
      address_id: paddleId('add', 'address'),
      business_id: null,
      custom_data: null,
      currency_code: 'USD',
      origin: 'web',
      subscription_id: paddleId('sub', 'subscription'),
      invoice_id: paddleId('inv', 'invoice'),
      invoice_number: `325-${ids.digits('invoice-number', 5)}`,
      collection_mode: 'automatic',
      discount_id: null,
      billing_details: null,
      billing_period: { starts_at: at, ends_at: isoTime(time + 30 * 86_400, 6) },
      items: [
        {
          price: {
            id: priceId,
            product_id: productId,
            name: 'Monthly (per seat)',
            description: 'Pro plan, billed monthly per seat',
            type: 'standard',
            billing_cycle: { interval: 'month', frequency: 1 },
            trial_period: null,
            tax_mode: 'account_setting',
            unit_price: { amount: '3000', currency_code: 'USD' },
            unit_price_overrides: [],
            quantity: { minimum: 1, maximum: 999 },
            status: 'active',
            custom_data: null,
            import_meta: null,
            created_at: '2023-02-23T13:55:22.538367Z',
            updated_at: '2024-04-11T13:54:52.254748Z',
          },
          quantity: 10,
          proration: null,
        },
      ],
      details: {
        tax_rates_used: [{ tax_rate: '0.08', totals }],
        totals: {
          ...totals,
          credit: '0',
          credit_to_balance: '0',
          balance: '0',
          grand_total: '35220',
          fee: '3311',
          earnings: '26689',
          currency_code: 'USD',
        },
        adjusted_totals: {
          subtotal: '30000',
          tax: '5220',
          total: '35220',
          grand_total: '35220',
          fee: '3311',
          earnings: '26689',
          currency_code: 'USD',
        },
        payout_totals: {
          subtotal: '30000',
          discount: '0',
          tax: '5220',
          total: '35220',
          credit: '0',
          credit_to_balance: '0',
          balance: '0',
          grand_total: '35220',
          fee: '3311',
          earnings: '26689',
          currency_code: 'USD',
          exchange_rate: '1',
          fee_rate: '0.05',
        },
        adjusted_payout_totals: null,
        line_items: [
          {
            id: paddleId('txnitm', 'line-item'),
            price_id: priceId,
            quantity: 10,
            proration: null,
            tax_rate: '0.08',
            unit_totals: { subtotal: '3000', discount: '0', tax: '522', total: '3522' },
            totals,
            product,
          },
        ],
      },
      payments: [
        {
          payment_attempt_id: ids.uuid('attempt'),
          stored_payment_method_id: ids.uuid('stored-method'),
          payment_method_id: paddleId('paymtd', 'method'),
          amount: '35220',
          status: 'captured',
          error_code: null,
          method_details: {
            type: 'card',
            card: {
              type: 'visa',
              last4: '3184',
              expiry_month: 1,
              expiry_year: 2030,
              cardholder_name: 'Jenny Rosen',
            },
          },
          created_at: earlier,
          captured_at: at,
        },
      ],
      checkout: { url: `https://aeroedit.com/pay?_ptxn=${transactionId}` },
      created_at: earlier,
      updated_at: at,
      billed_at: at,
      revised_at: null,
    },
  };
  return {
    provider: 'paddle',
    event: 'transaction.completed',
    id,
    body: JSON.stringify(payload),
    contentType: JSON_CONTENT_TYPE,
    headers: {},
    timestamp: time,
  };
}

/** Paddle samples, by `event_type`. */
export const paddleSamples = {
  'transaction.completed': transactionCompleted,
};
