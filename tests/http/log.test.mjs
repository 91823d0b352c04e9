// The request log ($STACK_DIR/referrals.log): one line per request with its id, method, path,
// status and duration, and never a password or a session token.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Browser, logMark, logSince, waitFor, sessionCookieFrom, resetThrottle } from './lib.mjs';

function unique(prefix) {
	return `${prefix}-${crypto.randomBytes(6).toString('hex')}`;
}

// The log lines written since mark that contain needle, once there are at least n of them.
async function linesWith(mark, needle, n = 1) {
	return (await waitFor(() => {
		const lines = logSince(mark).filter((l) => l.includes(needle));
		return lines.length >= n && lines;
	}, 3000)) || logSince(mark).filter((l) => l.includes(needle));
}

describe('request log', () => {
	// A failed sign-in below counts against the test address; leave none behind.
	after(() => resetThrottle());

	it('a GET: one line with method, path and status', async () => {
		const mark = logMark();
		const path = '/' + unique('no-such-page');
		const res = await new Browser().get(path);
		assert.equal(res.status, 404);
		const lines = await linesWith(mark, path);
		assert.equal(lines.length, 1, `lines for ${path}: ${JSON.stringify(logSince(mark))}`);
		assert.match(lines[0], /\bGET\b/);
		assert.match(lines[0], /\b404\b/);
	});

	it('a POST: one line with method, path and status', async () => {
		const mark = logMark();
		const query = unique('q');
		const res = await new Browser().post('/signin?' + query + '=1', { username: 'amira' });
		assert.equal(res.status, 403);
		const lines = await linesWith(mark, '/signin');
		const line = lines.find((l) => /\bPOST\b/.test(l) && /\b403\b/.test(l));
		assert.ok(line, `a POST /signin 403 line among ${JSON.stringify(lines)}`);
	});

	it('each line has a request id and a duration, and ids differ', async () => {
		const mark = logMark();
		const path = '/' + unique('logged');
		const b = new Browser();
		await b.get(path);
		await b.get(path);
		const lines = await linesWith(mark, path, 2);
		assert.equal(lines.length, 2, JSON.stringify(lines));
		// referrals[PID] request rid=ID method=GET path=/referrals/x status=404 ms=0.42 staff=0
		const fields = lines.map((l) => Object.fromEntries([...l.matchAll(/(\w+)=(\S*)/g)].map((m) => [m[1], m[2]])));
		for (const f of fields) {
			assert.ok(f.rid, `a request id in ${JSON.stringify(lines)}`);
			assert.match(f.ms || '', /^\d+(\.\d+)?$/, `a duration in ${JSON.stringify(lines)}`);
			assert.equal(f.method, 'GET');
			assert.equal(f.status, '404');
			assert.ok(f.path.endsWith(path), f.path);
		}
		assert.notEqual(fields[0].rid, fields[1].rid, 'two requests, two ids');
	});

	it('counts the database statements of each request (sql=N)', async () => {
		const mark = logMark();
		const b = new Browser();
		await b.signIn('amira', 'demopass', { next: '/' });
		const home = await b.get('/');
		assert.equal(home.status, 200);
		await b.get('/ping');
		const homeLines = await linesWith(mark, 'path=/referrals/ ', 1);
		const pingLines = await linesWith(mark, '/ping', 1);
		const sqlOf = (line) => Number(/ sql=(\d+)/.exec(line)?.[1]);
		// a signed-in page reads at least its session; the liveness answer touches nothing
		assert.ok(homeLines.some((l) => sqlOf(l) >= 1), JSON.stringify(homeLines));
		assert.equal(sqlOf(pingLines.at(-1)), 0, JSON.stringify(pingLines));
	});

	it('never contains a password or a session token', async () => {
		const mark = logMark();
		const secret = unique('Secret');
		const b = new Browser();
		await b.trySignIn('amira', secret);
		const ok = new Browser();
		const token = sessionCookieFrom(await ok.signIn('amira', 'demopass', { next: '/' }))?.value;
		await ok.get('/');
		await waitFor(() => logSince(mark).length >= 4, 3000);
		const written = logSince(mark).join('\n');
		assert.ok(!written.includes(secret), 'no password in the log');
		assert.ok(!written.includes('demopass'), 'no password in the log');
		if (token) assert.ok(!written.includes(token), 'no session token in the log');
	});
});
