import { WebhookError } from './errors.js';

/** A field a signing template can hold. */
export type TemplateField = 'timestamp' | 'id' | 'body' | 'url' | 'method' | 'params';

/** A compiled template: literal text and fields, in order. */
export type TemplatePart = string | { readonly field: TemplateField };

/** The values of a template's fields (the body as its raw bytes). */
export interface TemplateValues {
  body: Uint8Array | string;
  timestamp?: string | undefined;
  id?: string | undefined;
  url?: string | undefined;
  method?: string | undefined;
  /** The form parameters of the body, sorted, `name + value` each (Twilio's and Mandrill's join). */
  params?: string | undefined;
}

const PLACEHOLDER = /\{([A-Za-z_]+)\}/g;
const FIELDS = new Set<string>(['timestamp', 'id', 'body', 'url', 'method', 'params']);

/** Splits a template once, at construction; `{body}` (or the body's form `{params}`) is required. */
export function compileTemplate(template: string, name: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const field = match[1]!;
    if (!FIELDS.has(field)) {
      throw new WebhookError('INVALID_SECRET', `${name}: unknown placeholder {${field}} in template`);
    }
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({ field: field as TemplateField });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  if (!usesField(parts, 'body') && !usesField(parts, 'params')) {
    throw new WebhookError('INVALID_SECRET', `${name}: the template must contain {body} or {params}`);
  }
  return parts;
}

/** Whether a compiled template signs `field`. */
export function usesField(parts: readonly TemplatePart[], field: TemplateField): boolean {
  return parts.some((part) => typeof part !== 'string' && part.field === field);
}

/** The signed parts: literal text and values as strings, the body as its raw bytes. */
export function fillTemplate(
  parts: readonly TemplatePart[],
  values: TemplateValues,
): (Uint8Array | string)[] {
  const out: (Uint8Array | string)[] = new Array(parts.length);
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    out[index] = typeof part === 'string' ? part : (values[part.field] ?? '');
  }
  return out;
}
