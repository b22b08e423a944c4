import {
  createIdSource,
  isoTime,
  JSON_CONTENT_TYPE,
  type Sample,
  type SampleOptions,
  sampleTime,
} from './sample.js';

// A Square `payment.created` notification (developer.squareup.com/reference/square/payments-api/
// webhooks/payment.created): `merchant_id`, `type`, `event_id`, `created_at` and the payment
// under `data.object.payment`. Square signs the notification URL followed by the body, so sign
// it with the URL registered in the Developer Console.

/** Square `payment.created`: a $10.00 card payment, approved. The id is the `event_id`. */
export function paymentCreated(options: SampleOptions = {}): Sample {
  const id = options.id ?? globalThis.crypto.randomUUID();
  const ids = createIdSource(id);
  const time = sampleTime(options);
  const at = isoTime(time, 3);
  const paymentId = ids.alnum('payment', 29);
  const locationId = ids.alnum('location', 13).toUpperCase();
  const payload = {
    merchant_id: ids.alnum('merchant', 13).toUpperCase(),
    type: 'payment.created',
    event_id: id,
    created_at: at,
    data: {
      type: 'payment',
      id: paymentId,
      object: {
        payment: {
          amount_money: { amount: 1000, currency: 'USD' },
          approved_money: { amount: 1000, currency: 'USD' },
          card_details: {
            avs_status: 'AVS_ACCEPTED',
            card: {
              bin: '540988',
              card_brand: 'MASTERCARD',
              card_type: 'CREDIT',
              exp_month: 11,
              exp_year: 2030,
              fingerprint: `sq-1-${ids.alnum('fingerprint', 60)}`,
              last_4: '9029',
              prepaid_type: 'NOT_PREPAID',
            },
            card_payment_timeline: { authorized_at: at },
            cvv_status: 'CVV_ACCEPTED',
            entry_method: 'KEYED',
            statement_description: 'SQ *EXAMPLE STORE',
            status: 'AUTHORIZED',
          },
          created_at: at,
          delay_action: 'CANCEL',
          delay_duration: 'PT168H',
          id: paymentId,
          location_id: locationId,
          order_id: ids.alnum('order', 29),
          receipt_number: paymentId.slice(0, 4),
          risk_evaluation: { created_at: at, risk_level: 'NORMAL' },
          source_type: 'CARD',
          status: 'APPROVED',
          total_money: { amount: 1000, currency: 'USD' },
          updated_at: at,
          version: 1,
        },
      },
    },
  };
  return {
    provider: 'square',
    event: 'payment.created',
    id,
    body: JSON.stringify(payload),
    contentType: JSON_CONTENT_TYPE,
    headers: { 'User-Agent': 'Square Connect v2' },
    timestamp: time,
  };
}

/** Square samples, by event type. */
export const squareSamples = {
  'payment.created': paymentCreated,
};
