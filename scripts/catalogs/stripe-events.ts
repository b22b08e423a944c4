import type ts from 'typescript';
import { banner } from './sources.js';
import { probeType } from './ts-probe.js';

/** One member of stripe-node's `Stripe.Event` union. */
export interface StripeEvent {
  /** Its `type` (`checkout.session.completed`). */
  type: string;
  /** The narrowed event type (`Stripe.CheckoutSessionCompletedEvent`). */
  event: ts.Type;
  /**
   * The `object` value of each type `data.object` can be (`checkout.session`), which names its
   * fixture; several for a union (`customer.source.*`: bank account, card, account, source).
   */
  objects: string[];
}

export interface StripeEvents {
  checker: ts.TypeChecker;
  events: StripeEvent[];
  /** stripe-node's `Stripe.API_VERSION`, the version its types describe. */
  apiVersion: string;
}

/** Reads `Stripe.Event` from the declarations of the installed (pinned) `stripe` package. */
export function readStripeEvents(fromDir: string): StripeEvents {
  const { checker, type } = probeType(
    "import type Stripe from 'stripe';",
    '[Stripe.Event, typeof Stripe.API_VERSION]',
    fromDir,
  );
  const [union, version] = checker.getTypeArguments(type as ts.TypeReference);
  if (!union?.isUnion() || !version?.isStringLiteral()) throw new Error('unexpected Stripe.Event');
  const literal = (owner: ts.Type, name: string): string | undefined => {
    const property = owner.getProperty(name);
    const value = property && checker.getTypeOfSymbol(property);
    return value?.isStringLiteral() ? value.value : undefined;
  };
  const events = union.types.map((event) => {
    const type = literal(event, 'type');
    const data = event.getProperty('data');
    const object = data && checker.getTypeOfSymbol(data).getProperty('object');
    if (type === undefined || !object) throw new Error(`unexpected member of Stripe.Event`);
    const objectType = checker.getTypeOfSymbol(object);
    const objects = (objectType.isUnion() ? objectType.types : [objectType]).map((member) => {
      const name = literal(member, 'object');
      if (name === undefined) throw new Error(`${type}: data.object has no literal \`object\``);
      return name;
    });
    return { type, event, objects };
  });
  events.sort((a, b) => (a.type < b.type ? -1 : 1));
  return { checker, events, apiVersion: version.value };
}

/** The generated module that names the API version stripe-node's types describe. */
export function stripeApiVersionModule(apiVersion: string): string {
  return `${banner('stripe')}
/** The Stripe API version the pinned stripe-node's types (and so \`strictStripeEvents\`) describe. */
export const stripeApiVersion = '${apiVersion}';
`;
}
