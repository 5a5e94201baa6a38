// The ledger's HTTP API as the dashboard uses it. The key lives in sessionStorage only (gone with the tab) and
// travels in the Authorization header, never in a URL, so it reaches no log and no browser history.

const KEY = 'coalition-ledger.key';

export class Unauthorized extends Error {
}

export class Forbidden extends Error {
}

export function storedKey() {
    return sessionStorage.getItem(KEY);
}

export function storeKey(key) {
    sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
    sessionStorage.removeItem(KEY);
}

function headers(key, accept) {
    const result = {Accept: accept};
    if (key) result.Authorization = 'Bearer ' + key;
    return result;
}

async function get(path, key, accept) {
    const response = await fetch(path, {headers: headers(key, accept), cache: 'no-store'});
    if (response.status === 401) throw new Unauthorized(path);
    if (response.status === 403) throw new Forbidden(path);
    return response;
}

/** JSON from a path; null for 404 (a coalition or checkpoint the ledger does not hold, at that instant). */
export async function json(path, key) {
    const response = await get(path, key, 'application/json');
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
}

/**
 * JSON from a path, with whether the live view is stale (the server parked an event of the coalition):
 * {value, staleSince}, staleSince null unless the answer carries Ledger-View-Stale.
 */
export async function jsonWithStaleness(path, key) {
    const response = await get(path, key, 'application/json');
    if (response.status === 404) return {value: null, staleSince: null};
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    const stale = response.headers.get('Ledger-View-Stale') === 'true';
    return {value: await response.json(), staleSince: stale ? response.headers.get('Ledger-View-Stale-Since') : null};
}

/** A view as CSV, saved as a file through a same-origin blob. */
export async function downloadCsv(path, key, filename) {
    const response = await get(path, key, 'text/csv');
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Server-Sent Events read with fetch(), which (unlike EventSource) can send the Authorization header. Calls
 * onEvent(name, data) per event; when the stream ends or fails it calls onLost() and reconnects after a growing
 * pause (1 s doubling to 30 s, back to 1 s once an event arrives). A 401 ends it for good with onUnauthorized().
 * Returns a function that stops it.
 */
export function stream(path, key, {onEvent, onLost, onUnauthorized}) {
    let controller = null;
    let stopped = false;
    let pause = 1000;

    async function connect() {
        controller = new AbortController();
        try {
            const response = await fetch(path, {headers: headers(key, 'text/event-stream'), signal: controller.signal,
                cache: 'no-store'});
            if (response.status === 401) {
                stopped = true;
                onUnauthorized();
                return;
            }
            if (!response.ok) throw new Error(`${path}: ${response.status}`);
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = '';
            for (;;) {
                const {value, done} = await reader.read();
                if (done) break;
                buffer += value.replace(/\r\n?/g, '\n');
                let end;
                while ((end = buffer.indexOf('\n\n')) >= 0) {
                    const block = buffer.slice(0, end);
                    buffer = buffer.slice(end + 2);
                    const event = parse(block);
                    if (event) {
                        pause = 1000;
                        onEvent(event.name, event.data);
                    }
                }
            }
        } catch (error) {
            if (stopped) return;
        }
        if (stopped) return;
        onLost();
        setTimeout(() => stopped || connect(), pause);
        pause = Math.min(pause * 2, 30000);
    }

    connect();
    return () => {
        stopped = true;
        controller?.abort();
    };
}

/** One event block: its name (default "message") and its data lines joined; null for a comment-only block. */
function parse(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
        if (line.startsWith(':') || line === '') continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') name = value;
        if (field === 'data') data.push(value);
    }
    return data.length ? {name, data: data.join('\n')} : null;
}
