import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { createReceiver } from '@hookgate/core';
import { createExpressMiddleware } from '@hookgate/express';
import { dropbox, meta, twitch, twitter, zoom } from '@hookgate/signatures';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../adapters/listen.js';

// Handshakes over a real Express server on 127.0.0.1, the receivers mounted with app.all so
// that GET challenges reach them.
describe('handshakes through Express (app.all)', () => {
  let origin: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = express();
    const mount = (path: string, scheme: Parameters<typeof createReceiver>[0]['scheme']) =>
      app.all(path, createExpressMiddleware(createReceiver({ scheme })));
    mount('/meta', meta({ secret: 'meta-secret', verifyToken: 'verify-me-please' }));
    mount('/dropbox', dropbox({ secret: 'dropbox-secret' }));
    mount('/x', twitter({ secret: 'consumer-secret' }));
    mount('/twitch', twitch({ secret: 'twitch-secret' }));
    mount('/zoom', zoom({ secret: 'zoom-secret' }));
    ({ origin, close } = await listen(createServer(app)));
  });
  afterAll(() => close());

  it('Meta GET hub.challenge', async () => {
    const response = await fetch(
      `${origin}/meta?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('1158201444');
    const wrong = await fetch(`${origin}/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(401);
  });

  it('Dropbox GET ?challenge=', async () => {
    const response = await fetch(`${origin}/dropbox?challenge=abc123`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('abc123');
  });

  it('X CRC', async () => {
    const response = await fetch(`${origin}/x?crc_token=crc-1`);
    expect(await response.json()).toEqual({
      response_token: `sha256=${createHmac('sha256', 'consumer-secret').update('crc-1').digest('base64')}`,
    });
  });

  it('a GET that is no challenge is 405, with Allow: POST', async () => {
    for (const path of ['/meta', '/dropbox', '/x', '/twitch', '/zoom']) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('Twitch webhook_callback_verification (signed POST)', async () => {
    const body = JSON.stringify({ challenge: 'pogchamp', subscription: { type: 'channel.follow' } });
    const headers = await twitch({ secret: 'twitch-secret' }).sign({ body });
    const response = await fetch(`${origin}/twitch`, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'Twitch-Eventsub-Message-Type': 'webhook_callback_verification',
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('pogchamp');
  });

  it('Zoom endpoint.url_validation (signed POST)', async () => {
    const body = JSON.stringify({ payload: { plainToken: 'plain-1' }, event: 'endpoint.url_validation' });
    const headers = await zoom({ secret: 'zoom-secret' }).sign({ body });
    const response = await fetch(`${origin}/zoom`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
    expect(await response.json()).toEqual({
      plainToken: 'plain-1',
      encryptedToken: createHmac('sha256', 'zoom-secret').update('plain-1').digest('hex'),
    });
  });
});
