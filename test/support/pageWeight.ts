import type { BrowserContext } from 'playwright-core';

/** One response of a page visit: the bytes that crossed the network for it (0 from the browser's cache). */
export interface Transfer {
  url: string;
  bytes: number;
  encoding: string;
  fromCache: boolean;
}

export interface PageWeight {
  /** Everything transferred: compressed bodies and headers, as Chromium counts them (DevTools' "transferred"). */
  bytes: number;
  transfers: Transfer[];
}

/**
 * Open a page in a new tab of the context and add up what every response transferred, with
 * Chromium's own count (CDP Network.loadingFinished encodedDataLength: on-the-wire bytes,
 * compressed, headers included). Waits for the fonts and for the network to go quiet, so
 * what the page loads late (fonts, modules) is counted too. The context's cache stays, so a
 * second call measures a repeat visit.
 */
export async function measureVisit(context: BrowserContext, url: string): Promise<PageWeight> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const seen = new Map<string, Transfer>();
  // Responses whose body has not finished: the favicon, asked for late, can still be loading at network idle.
  const unfinished = new Set<string>();
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
    unfinished.add(event.requestId);
    seen.set(event.requestId, { url: event.response.url, bytes: 0, encoding: headers['content-encoding'] ?? 'identity', fromCache: Boolean(event.response.fromDiskCache || event.response.fromPrefetchCache) });
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    const transfer = seen.get(event.requestId);
    if (transfer) transfer.fromCache = true;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const transfer = seen.get(event.requestId);
    if (transfer) transfer.bytes = event.encodedDataLength;
    unfinished.delete(event.requestId);
  });
  cdp.on('Network.loadingFailed', (event) => unfinished.delete(event.requestId));
  await cdp.send('Network.enable');
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    await page.waitForLoadState('networkidle');
    for (let waited = 0; unfinished.size > 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    await cdp.detach();
    await page.close();
  }
  const transfers = [...seen.values()];
  return { bytes: transfers.reduce((sum, transfer) => sum + transfer.bytes, 0), transfers };
}

/** One line per response, for a failure message or the bench. */
export function describeTransfers(weight: PageWeight): string {
  return weight.transfers.map((t) => `${String(t.bytes).padStart(7)} B ${t.fromCache ? '(cache) ' : ''}${t.encoding.padEnd(8)} ${new URL(t.url).pathname}`).join('\n');
}
