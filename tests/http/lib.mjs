// A small HTTP client for the HTTP tests: one cookie jar per "browser", form posts with an
// Origin header, raw bytes over TCP, and access to the test stack (database, log, stack script).
//
// The suite runner passes BASE_URL, ORIGIN, STACK_DIR, STACK_SCRIPT and DB_SOCKET; the defaults
// below are the test profile's, so a single file can also be run by hand against a running stack.
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tree = path.resolve(here, '..', '..');

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18080/referrals').replace(/\/$/, '');
export const ORIGIN = process.env.ORIGIN || new URL(BASE_URL).origin;
export const BASE_PATH = new URL(BASE_URL).pathname.replace(/\/$/, '');
export const STACK_DIR = process.env.STACK_DIR || path.join(tree, 'var', 'test');
export const STACK_SCRIPT = process.env.STACK_SCRIPT || path.join(tree, 'scripts', 'stack');
export const DB_SOCKET = process.env.DB_SOCKET || path.join(STACK_DIR, 'mysql.sock');
export const PASSWORD = 'demopass';
const REQUEST_TIMEOUT_MS = 20000;

// Several files stop the directory, restart the database, kill workers or lock out the test
// address; they must never overlap with another file. node --test may run files in parallel
// (Node 18 does by default), so every file that imports this module takes one lock first.
await takeSuiteLock();

async function takeSuiteLock() {
	const dir = path.join(fs.existsSync(STACK_DIR) ? STACK_DIR : os.tmpdir(), 'http-tests.lock');
	for (;;) {
		try {
			fs.mkdirSync(dir);
			fs.writeFileSync(path.join(dir, 'pid'), String(process.pid));
			process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
			return;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
		}
		if (lockIsStale(dir)) fs.rmSync(dir, { recursive: true, force: true });
		else await sleep(200);
	}
}

function lockIsStale(dir) {
	let owner;
	try {
		owner = Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'));
	} catch {
		// Between the owner's mkdir and its pid file; stale only if that was long ago.
		try {
			return Date.now() - fs.statSync(dir).mtimeMs > 10000;
		} catch {
			return false;
		}
	}
	try {
		process.kill(owner, 0);
		return false;
	} catch (err) {
		return err.code === 'ESRCH';
	}
}

export function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

// "/signin" → BASE_URL + "/signin"; a full URL is used as it is.
export function url(p) {
	return /^https?:/.test(p) ? p : BASE_URL + p;
}

// A Location header as a path on our origin ("/referrals/signin?next=%2F"), or the absolute
// URL when it points elsewhere.
export function locationPath(res) {
	const loc = res.headers.location;
	if (loc === undefined) return undefined;
	const resolved = new URL(loc, ORIGIN + BASE_PATH + '/');
	return resolved.origin === ORIGIN ? resolved.pathname + resolved.search : resolved.href;
}

// One Set-Cookie header → { name, value, attrs } with attribute names lower-cased.
export function parseSetCookie(header) {
	const [pair, ...rest] = header.split(';');
	const eq = pair.indexOf('=');
	const attrs = {};
	for (const part of rest) {
		const i = part.indexOf('=');
		const key = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
		if (key) attrs[key] = i < 0 ? true : part.slice(i + 1).trim();
	}
	return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attrs };
}

function cookieExpired(c) {
	if (c.attrs['max-age'] !== undefined && Number(c.attrs['max-age']) <= 0) return true;
	if (c.attrs.expires && Date.parse(c.attrs.expires) <= Date.now()) return true;
	return c.value === '';
}

// A browser: its own cookie jar, sending Origin on every POST like a real one does.
export class Browser {
	constructor() {
		this.cookies = new Map(); // name → value
	}

	cookieHeader() {
		return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
	}

	remember(res) {
		for (const c of res.setCookies) {
			if (cookieExpired(c)) this.cookies.delete(c.name);
			else this.cookies.set(c.name, c.value);
		}
	}

	async request(method, p, { headers = {}, body } = {}) {
		const h = { ...headers };
		if (this.cookies.size && h.Cookie === undefined) h.Cookie = this.cookieHeader();
		const res = await httpRequest(method, url(p), h, body);
		this.remember(res);
		return res;
	}

	get(p, opts = {}) {
		return this.request('GET', p, opts);
	}

	// fields: an object or an array of [name, value] pairs (for repeated names).
	// origin: the Origin header (default ORIGIN; null leaves it out).
	post(p, fields = {}, { origin = ORIGIN, headers = {} } = {}) {
		const body = formEncode(fields);
		const h = { 'Content-Type': 'application/x-www-form-urlencoded', ...headers };
		if (origin !== null) h.Origin = origin;
		return this.request('POST', p, { headers: h, body });
	}

	// The csrf token of the form on a page.
	async csrf(p = '/') {
		const res = await this.get(p);
		return csrfFrom(res.body);
	}

	// GET /signin for the form, POST it; returns the POST's response whatever it is.
	async trySignIn(username, password, { next } = {}) {
		const form = await this.get('/signin' + (next === undefined ? '' : '?next=' + encodeURIComponent(next)));
		const fields = { username, password, csrf: csrfFrom(form.body) };
		if (next !== undefined) fields.next = next;
		return this.post('/signin', fields);
	}

	// Signs in and insists it worked (303).
	async signIn(username, password = PASSWORD, opts = {}) {
		const res = await this.trySignIn(username, password, opts);
		if (res.status !== 303) {
			throw new Error(`sign-in as ${username} answered ${res.status}, not 303: ${snippet(res.body)}`);
		}
		return res;
	}

	async signOut() {
		const csrf = await this.csrf('/');
		return this.post('/signout', { csrf });
	}
}

// A fresh browser signed in as username.
export async function signedIn(username, password = PASSWORD) {
	const b = new Browser();
	await b.signIn(username, password);
	return b;
}

export function formEncode(fields) {
	const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
	return pairs.map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}

export function csrfFrom(html) {
	for (const tag of html.match(/<input\b[^>]*>/gi) || []) {
		if (attr(tag, 'name') === 'csrf' && attr(tag, 'type') === 'hidden') return attr(tag, 'value');
	}
	return undefined;
}

// The value of one attribute of an HTML tag, entities decoded.
export function attr(tag, name) {
	const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
	if (!m) return undefined;
	return decodeEntities(m[1] ?? m[2] ?? m[3]);
}

export function decodeEntities(s) {
	return s
		.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

// The visible text of a page, roughly: tags dropped, entities decoded, spaces collapsed.
export function text(html) {
	return decodeEntities(
		html
			.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
			.replace(/<[^>]*>/g, ' ')
	).replace(/\s+/g, ' ');
}

export function snippet(s, n = 300) {
	return JSON.stringify(String(s).slice(0, n));
}

function httpRequest(method, target, headers, body) {
	return new Promise((resolve, reject) => {
		const u = new URL(target);
		const h = { ...headers };
		if (body !== undefined) h['Content-Length'] = Buffer.byteLength(body);
		let answered = false;
		const req = http.request(
			{ method, host: u.hostname, port: u.port, path: u.pathname + u.search, headers: h, agent: false },
			(res) => {
				answered = true;
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve(makeResponse(res.statusCode, res.headers, Buffer.concat(chunks))));
				res.on('error', reject);
			}
		);
		req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${target}: no answer in ${REQUEST_TIMEOUT_MS} ms`)));
		// A server may answer (413) and close before it has read a large body: keep the answer.
		req.on('error', (err) => {
			if (!answered) reject(err);
		});
		req.end(body);
	});
}

function makeResponse(status, headers, bodyBuffer) {
	const setCookie = headers['set-cookie'] || [];
	return {
		status,
		headers,
		body: bodyBuffer.toString('utf8'),
		setCookies: (Array.isArray(setCookie) ? setCookie : [setCookie]).map(parseSetCookie),
		get location() {
			return locationPath(this);
		},
	};
}

// Sends bytes as they are over TCP to the test nginx and returns the first response:
// { status, headers (lower-case names, repeated ones joined by ", "; set-cookie an array), body }.
// For a request without "Connection: close" it returns once the response is complete.
export function raw(bytes, { timeout = REQUEST_TIMEOUT_MS } = {}) {
	const o = new URL(ORIGIN);
	return new Promise((resolve, reject) => {
		const sock = net.connect({ host: o.hostname, port: Number(o.port || 80) });
		let data = Buffer.alloc(0);
		let done = false;
		const finish = (err) => {
			if (done) return;
			const parsed = parseRawResponse(data, true);
			if (parsed) {
				done = true;
				sock.destroy();
				resolve(parsed);
			} else if (err) {
				done = true;
				sock.destroy();
				reject(err);
			}
		};
		sock.setTimeout(timeout, () => {
			finish(new Error(`raw request: no complete answer in ${timeout} ms (got ${snippet(data.toString('latin1'))})`));
		});
		sock.on('data', (chunk) => {
			data = Buffer.concat([data, chunk]);
			const parsed = parseRawResponse(data, false);
			if (parsed) {
				done = true;
				sock.destroy();
				resolve(parsed);
			}
		});
		sock.on('end', () => finish(new Error(`raw request: connection closed without a response (got ${snippet(data.toString('latin1'))})`)));
		sock.on('error', (err) => finish(err));
		sock.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
	});
}

// A complete response parsed from data, or null while more is needed (atEnd: the peer closed).
function parseRawResponse(data, atEnd) {
	const end = data.indexOf('\r\n\r\n');
	if (end < 0) return null;
	const lines = data.subarray(0, end).toString('latin1').split('\r\n');
	const m = lines[0].match(/^HTTP\/\d\.\d (\d{3})/);
	if (!m) return atEnd ? { status: 0, headers: {}, body: data.toString('latin1'), setCookies: [] } : null;
	const headers = {};
	const setCookie = [];
	for (const line of lines.slice(1)) {
		const i = line.indexOf(':');
		const name = line.slice(0, i).trim().toLowerCase();
		const value = line.slice(i + 1).trim();
		if (name === 'set-cookie') setCookie.push(value);
		else headers[name] = headers[name] === undefined ? value : headers[name] + ', ' + value;
	}
	if (setCookie.length) headers['set-cookie'] = setCookie;
	let rest = data.subarray(end + 4);
	let body;
	if (/chunked/i.test(headers['transfer-encoding'] || '')) {
		body = dechunk(rest);
		if (body === null) return atEnd ? makeResponse(Number(m[1]), headers, rest) : null;
	} else if (headers['content-length'] !== undefined) {
		const n = Number(headers['content-length']);
		if (rest.length < n && !atEnd) return null;
		body = rest.subarray(0, n);
	} else if (Number(m[1]) === 304 || Number(m[1]) === 204 || Math.floor(Number(m[1]) / 100) === 1) {
		body = Buffer.alloc(0);
	} else {
		if (!atEnd) return null;
		body = rest;
	}
	return makeResponse(Number(m[1]), headers, body);
}

function dechunk(buf) {
	const parts = [];
	let at = 0;
	for (;;) {
		const eol = buf.indexOf('\r\n', at);
		if (eol < 0) return null;
		const size = parseInt(buf.subarray(at, eol).toString('latin1'), 16);
		if (Number.isNaN(size)) return null;
		if (size === 0) return Buffer.concat(parts);
		if (buf.length < eol + 2 + size + 2) return null;
		parts.push(buf.subarray(eol + 2, eol + 2 + size));
		at = eol + 2 + size + 2;
	}
}

// Runs SQL as root on the test database; returns the tab-separated output without headers.
export function db(sql) {
	return execFileSync('mariadb', [`--socket=${DB_SOCKET}`, '-uroot', '--batch', '--skip-column-names', 'referrals', '-e', sql], {
		encoding: 'utf8',
		timeout: 30000,
	});
}

// db() as rows of columns.
export function dbRows(sql) {
	return db(sql)
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => line.split('\t'));
}

// SQL string literal (for values the tests chose themselves).
// The first column of the first row of sql's answer, as text.
export function dbValue(sql) {
	return dbRows(sql)[0][0];
}

export function sqlString(s) {
	return "'" + String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

export function organisationId(name) {
	const rows = dbRows(`SELECT id FROM organisations WHERE name = ${sqlString(name)}`);
	if (rows.length !== 1) throw new Error(`organisation ${name}: ${rows.length} rows`);
	return rows[0][0];
}

// Forgets every failed sign-in, so throttling from one file does not lock out the next.
export function resetThrottle() {
	db('DELETE FROM login_attempts');
}

// Runs the stack script for the test profile: stack('stop-ldap') → `stack stop-ldap test`.
export function stack(command) {
	return execFileSync(STACK_SCRIPT, [command, 'test'], { encoding: 'utf8', timeout: 120000, stdio: ['ignore', 'pipe', 'pipe'] });
}

export const LOG_FILE = path.join(STACK_DIR, 'referrals.log');

// The last n lines of the request log.
export function logTail(n = 50) {
	let content = '';
	try {
		content = fs.readFileSync(LOG_FILE, 'utf8');
	} catch {
		return [];
	}
	return content.split('\n').filter((l) => l !== '').slice(-n);
}

// The log's size now, and what was written to it since such a mark.
export function logMark() {
	try {
		return fs.statSync(LOG_FILE).size;
	} catch {
		return 0;
	}
}

export function logSince(mark) {
	const fd = fs.openSync(LOG_FILE, 'r');
	try {
		const size = fs.fstatSync(fd).size;
		const from = size < mark ? 0 : mark; // the log was rotated or truncated
		const buf = Buffer.alloc(size - from);
		fs.readSync(fd, buf, 0, buf.length, from);
		return buf.toString('utf8').split('\n').filter((l) => l !== '');
	} finally {
		fs.closeSync(fd);
	}
}

// Polls fn until it returns something truthy or ms pass; returns the last value.
export async function waitFor(fn, ms = 10000, every = 100) {
	const until = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v || Date.now() >= until) return v;
		await sleep(every);
	}
}

// What is wrong with a response's security headers (an empty list when nothing is).
// signedIn: the page was served to a signed-in user, so it must not be stored.
export function securityHeaderProblems(res, { signedIn = false } = {}) {
	const problems = [];
	const csp = res.headers['content-security-policy'];
	if (!csp) {
		problems.push('no Content-Security-Policy');
	} else {
		const directives = new Map(
			csp
				.split(';')
				.map((d) => d.trim().split(/\s+/))
				.filter((d) => d[0])
				.map(([name, ...values]) => [name.toLowerCase(), values])
		);
		if (!(directives.get('frame-ancestors') || []).includes("'none'")) problems.push(`CSP without frame-ancestors 'none': ${csp}`);
		const scripts = directives.get('script-src') || directives.get('default-src');
		if (!scripts) problems.push(`CSP restricts no scripts (no script-src or default-src): ${csp}`);
		else if (scripts.includes("'unsafe-inline'")) problems.push(`CSP allows inline script: ${csp}`);
	}
	if ((res.headers['x-content-type-options'] || '').toLowerCase() !== 'nosniff') {
		problems.push(`X-Content-Type-Options is ${JSON.stringify(res.headers['x-content-type-options'])}`);
	}
	if (!res.headers['referrer-policy']) problems.push('no Referrer-Policy');
	if (signedIn && !/no-store/i.test(res.headers['cache-control'] || '')) {
		problems.push(`signed-in page without Cache-Control: no-store (${JSON.stringify(res.headers['cache-control'])})`);
	}
	return problems;
}

// Every URL an HTML page writes (href, src, action, formaction, srcset) that does not honour
// the base path: each must start with BASE_PATH + "/", be an anchor, or point to another site.
export function linksOutsideBase(html) {
	const bad = [];
	for (const m of html.matchAll(/\s(href|src|action|formaction|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
		const values = m[1].toLowerCase() === 'srcset' ? (m[2] ?? m[3]).split(',').map((s) => s.trim().split(/\s+/)[0]) : [m[2] ?? m[3]];
		for (const v of values.map(decodeEntities)) {
			if (v === BASE_PATH || v.startsWith(BASE_PATH + '/') || v.startsWith('#')) continue;
			if (/^(mailto|tel|data):/i.test(v)) continue;
			if (/^(https?:)?\/\//i.test(v)) {
				const u = new URL(v, ORIGIN);
				if (u.origin !== ORIGIN || u.pathname === BASE_PATH || u.pathname.startsWith(BASE_PATH + '/')) continue;
			}
			bad.push(`${m[1]}="${v}"`);
		}
	}
	return bad;
}

// The name of the session cookie: the one a successful sign-in sets (named like a session
// when several are set). SESSION_COOKIE in the environment overrides the guess.
export function sessionCookieFrom(signInResponse) {
	const set = signInResponse.setCookies.filter((c) => !cookieExpired(c));
	if (process.env.SESSION_COOKIE) return set.find((c) => c.name === process.env.SESSION_COOKIE);
	return set.find((c) => /sess/i.test(c.name)) || set.find((c) => !/csrf|xsrf/i.test(c.name)) || set[0];
}

// Worker pids: the children of the master whose pid is in $STACK_DIR/referrals.pid (not its
// e-mail sender, named referrals-mail: senderPid).
export function masterPid() {
	return Number(fs.readFileSync(path.join(STACK_DIR, 'referrals.pid'), 'utf8').trim());
}

export function childPids(parent) {
	const pids = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // gone meanwhile
		}
		// "pid (comm) state ppid ...": comm may hold spaces and parentheses
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		if (Number(fields[1]) === parent && fields[0] !== 'Z' && comm !== 'referrals-mail') pids.push(Number(entry));
	}
	return pids.sort((a, b) => a - b);
}

// The active organisation as a page shows it, from the candidates' names: the account bar's
// #active-organisation, else the selected option of the organisation switcher, else an element
// marked current, else the only candidate the page names at all. undefined when it does not say.
// Makes orgId the browser's active organisation, as the switcher at the top of a page does.
export async function switchOrganisation(browser, orgId) {
	const csrf = csrfFrom((await browser.get('/')).body);
	const res = await browser.post('/organisation', { organisation_id: orgId, csrf, next: '/' });
	if (res.status !== 303) throw new Error(`switching to organisation ${orgId}: ${res.status}`);
}

export function activeOrganisation(html, names) {
	const marked = html.match(/<[^>]*\sid="active-organisation"[^>]*>([\s\S]*?)</i);
	if (marked) return names.find((n) => text(marked[1]).trim() === n) ?? text(marked[1]).trim();
	const select = html.match(/<select\b[^>]*name="organisation_id"[^>]*>([\s\S]*?)<\/select>/i);
	if (select) {
		for (const option of select[1].match(/<option\b[^>]*>[^<]*/gi) || []) {
			if (/\sselected\b/i.test(option)) return names.find((n) => text(option).includes(n)) ?? attr(option, 'value');
		}
	}
	const current = html.match(/<[^>]*aria-current="[^"]*"[^>]*>([\s\S]*?)</i);
	if (current) {
		const n = names.find((name) => text(current[1]).includes(name));
		if (n) return n;
	}
	const shown = names.filter((n) => text(html).includes(n));
	return shown.length === 1 ? shown[0] : undefined;
}
