// Error pages and bad input: every error status renders a page with the security headers, the
// real triggers (unknown path, wrong method, oversized or malformed input) give the right status,
// never a 500, and the worker is still there afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, BASE_PATH, ORIGIN, snippet, raw, csrfFrom, securityHeaderProblems } from './lib.mjs';

const host = new URL(ORIGIN).host;
const MiB = 1024 * 1024;

// A rendered error page: the status, HTML with a heading, and the security headers.
function assertErrorPage(res, status, what = '') {
	assert.equal(res.status, status, `${what} status ${res.status}, expected ${status}: ${snippet(res.body)}`);
	assert.match(res.headers['content-type'] || '', /^text\/html/i, `${what} content type`);
	assert.match(res.body, /<h1\b[^>]*>[^<]*\S/i, `${what} a rendered page with a heading`);
	assert.deepEqual(securityHeaderProblems(res), [], `${what} security headers`);
}

// The worker that served the bad request (or its replacement) still answers.
async function assertAlive() {
	const res = await new Browser().get('/health');
	assert.equal(res.status, 200, `health after the bad request: ${res.status} ${snippet(res.body)}`);
}

function postRaw(path, body, headers = {}) {
	const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
	const head = [
		`POST ${BASE_PATH}${path} HTTP/1.1`,
		`Host: ${host}`,
		`Origin: ${ORIGIN}`,
		'Content-Type: application/x-www-form-urlencoded',
		`Content-Length: ${b.length}`,
		'Connection: close',
		...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
		'',
		'',
	].join('\r\n');
	return raw(Buffer.concat([Buffer.from(head, 'latin1'), b]));
}

function getRaw(target, headers = {}) {
	return raw([`GET ${target} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n'));
}

describe('error pages (Testing routes)', () => {
	for (const status of [400, 403, 404, 405, 409, 413, 429, 500, 503]) {
		it(`/_test/status/${status} renders the ${status} page`, async () => {
			assertErrorPage(await new Browser().get(`/_test/status/${status}`), status);
			await assertAlive();
		});
	}

	it('each error page says something different', async () => {
		const headings = new Set();
		for (const status of [400, 403, 404, 405, 409, 413, 429, 500, 503]) {
			const res = await new Browser().get(`/_test/status/${status}`);
			headings.add(res.body.match(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i)?.[1].trim());
		}
		assert.equal(headings.size, 9, [...headings].join(' | '));
	});

	it('/_test/status/abc is not a route: 404', async () => {
		assertErrorPage(await new Browser().get('/_test/status/abc'), 404);
	});
});

describe('real triggers', () => {
	it('unknown path: 404', async () => {
		assertErrorPage(await new Browser().get('/no-such-page'), 404);
		assertErrorPage(await new Browser().get('/signin/extra'), 404);
		await assertAlive();
	});

	for (const method of ['PUT', 'DELETE', 'PATCH']) {
		it(`${method} /signin: 405 with Allow: GET, POST`, async () => {
			const res = await new Browser().request(method, '/signin', {
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN },
				body: 'a=1',
			});
			assertErrorPage(res, 405);
			const allow = (res.headers.allow || '').split(',').map((m) => m.trim().toUpperCase());
			assert.ok(allow.includes('GET') && allow.includes('POST'), `Allow: ${res.headers.allow}`);
			assert.ok(!allow.includes(method), `Allow: ${res.headers.allow}`);
			await assertAlive();
		});
	}

	it('HEAD /signin: 200 without a body', async () => {
		const res = await raw(`HEAD ${BASE_PATH}/signin HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
		assert.equal(res.status, 200);
		assert.equal(res.body.length, 0);
		assert.deepEqual(securityHeaderProblems(res), []);
	});

	it('OPTIONS /signin: 405 with Allow', async () => {
		const res = await new Browser().request('OPTIONS', '/signin');
		assertErrorPage(res, 405);
		assert.match(res.headers.allow || '', /GET/);
	});

	it('POST on a GET-only route (/): 405 (or 403 for the missing csrf), not 500', async () => {
		const res = await new Browser().post('/', { a: '1' });
		assert.ok(res.status === 405 || res.status === 403, `status ${res.status}`);
		assertErrorPage(res, res.status);
	});

	it('a chunked request body is read like any other', async () => {
		const b = new Browser();
		const csrf = csrfFrom((await b.get('/signin')).body);
		const body = `username=amira&password=demopass&csrf=${csrf}`;
		const res = await raw(
			[
				`POST ${BASE_PATH}/signin HTTP/1.1`,
				`Host: ${host}`,
				`Origin: ${ORIGIN}`,
				`Cookie: ${b.cookieHeader()}`,
				'Content-Type: application/x-www-form-urlencoded',
				'Transfer-Encoding: chunked',
				'Connection: close',
				'',
				`${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
			].join('\r\n')
		);
		assert.equal(res.status, 303, snippet(res.body));
	});

	it('GET on a POST-only route (/organisation): 405 with Allow: POST', async () => {
		const res = await new Browser().get('/organisation');
		assertErrorPage(res, 405);
		assert.match(res.headers.allow || '', /POST/);
	});

	it('a body over 1 MiB: 413', async () => {
		const res = await postRaw('/signin', 'username=' + 'a'.repeat(MiB + 100));
		assertErrorPage(res, 413);
		await assertAlive();
	});

	it('a body of exactly 1 MiB in small fields is read (403 for the missing csrf, not 413)', async () => {
		// 17 fields of up to 65,536 bytes each; the last one pads the body to exactly 1 MiB.
		const fields = [];
		let length = 0;
		for (let i = 0; length < MiB; i++) {
			const name = `f${String(i).padStart(2, '0')}=`;
			const sep = i ? 1 : 0;
			const room = MiB - length - sep - name.length;
			const value = 'v'.repeat(Math.min(65536, room));
			fields.push(name + value);
			length += sep + name.length + value.length;
		}
		const body = fields.join('&');
		assert.equal(body.length, MiB);
		assertErrorPage(await postRaw('/signin', body), 403);
	});

	it('more than 200 fields: 413 or 400; 200 fields are fine (403 for the missing csrf)', async () => {
		const many = (n) => Array.from({ length: n }, (_, i) => `f${i}=1`).join('&');
		const over = await postRaw('/signin', many(201));
		assert.ok(over.status === 413 || over.status === 400, `201 fields: ${over.status}`);
		assertErrorPage(over, over.status);
		assertErrorPage(await postRaw('/signin', many(200)), 403, '200 fields:');
		await assertAlive();
	});

	it('more than 200 fields in the query string: 413 or 400', async () => {
		const query = Array.from({ length: 201 }, (_, i) => `q${i}=1`).join('&');
		const res = await new Browser().get('/signin?' + query);
		assert.ok(res.status === 413 || res.status === 400, `status ${res.status}`);
		assertErrorPage(res, res.status);
	});

	it('a field over 65,536 bytes: 413; exactly 65,536 is fine (403 for the missing csrf)', async () => {
		assertErrorPage(await postRaw('/signin', 'note=' + 'a'.repeat(65537)), 413, '65,537 bytes:');
		assertErrorPage(await postRaw('/signin', 'note=' + 'a'.repeat(65536)), 403, '65,536 bytes:');
		// Encoded it is three times longer; the limit is on the decoded value.
		assertErrorPage(await postRaw('/signin', 'note=' + '%41'.repeat(65536)), 403, '65,536 decoded bytes:');
		assertErrorPage(await postRaw('/signin', 'note=' + '%41'.repeat(65537)), 413, '65,537 decoded bytes:');
		await assertAlive();
	});

	for (const bad of ['%zz', '%', '%4', 'a%g1', '%C3%28', '%FF']) {
		it(`malformed encoding ${bad} in the query string: 400`, async () => {
			assertErrorPage(await new Browser().get('/signin?next=' + bad), 400);
			await assertAlive();
		});
		it(`malformed encoding ${bad} in a form body: 400`, async () => {
			assertErrorPage(await postRaw('/signin', `username=${bad}&password=x`), 400);
			await assertAlive();
		});
	}

	it('a NUL byte in a field (encoded): 400', async () => {
		const b = new Browser();
		const csrf = csrfFrom((await b.get('/signin')).body);
		const res = await b.post('/signin', { username: 'amira\u0000', password: 'demopass', csrf });
		assertErrorPage(res, 400);
		assert.equal((await b.get('/')).status, 303, 'no session');
		await assertAlive();
	});

	it('a raw NUL byte in a form body: 400', async () => {
		const body = Buffer.concat([Buffer.from('username=am'), Buffer.from([0]), Buffer.from('ira&password=x')]);
		assertErrorPage(await postRaw('/signin', body), 400);
		await assertAlive();
	});

	it('a NUL byte in a field name: 400', async () => {
		assertErrorPage(await postRaw('/signin', 'user%00name=amira'), 400);
	});

	it('a long URL that reaches the application: not a 500', async () => {
		const res = await new Browser().get('/signin?next=%2F' + 'a'.repeat(6000));
		assert.ok([200, 400, 413, 414].includes(res.status), `status ${res.status}`);
		assert.deepEqual(securityHeaderProblems(res), []);
		await assertAlive();
	});

	it('a long unknown path: 404', async () => {
		assertErrorPage(await new Browser().get('/' + 'x'.repeat(4000)), 404);
		await assertAlive();
	});

	it('a URL too long for nginx: refused, not a 500', async () => {
		const res = await getRaw(BASE_PATH + '/signin?next=' + 'a'.repeat(70000));
		assert.ok(res.status === 414 || res.status === 400, `status ${res.status}`);
		await assertAlive();
	});

	const cookies = [
		['no equals sign', 'justaname'],
		['only separators', ';;; ; ;'],
		['empty name', '=value'],
		['equals signs', '==='],
		['spaces in the name', 'a b=c; d e f'],
		['quotes and commas', 'a="b,c"; d=",,,"'],
		['high bytes', 'a=\xff\xfe; \xc3=\x80'],
		['control characters', 'a=\x01\x02\x7f'],
		['a thousand pairs', Array.from({ length: 1000 }, (_, i) => `c${i}=${i}`).join('; ').slice(0, 7000)],
		['one long value', 'a=' + 'x'.repeat(7000)],
	];
	for (const [what, value] of cookies) {
		it(`a malformed Cookie header (${what}) is ignored or 400, never 500`, async () => {
			const res = await getRaw(BASE_PATH + '/signin', { Cookie: value });
			assert.ok(res.status === 200 || res.status === 400, `status ${res.status}: ${snippet(res.body)}`);
			assert.deepEqual(securityHeaderProblems(res), []);
			const home = await getRaw(BASE_PATH + '/', { Cookie: value });
			assert.ok(home.status === 303 || home.status === 400, `home: status ${home.status}`);
			await assertAlive();
		});
	}

	it('a form post with another content type: refused, not a 500', async () => {
		for (const type of ['text/plain', 'application/json', 'multipart/form-data; boundary=x', '']) {
			const res = await postRaw('/signin', 'username=amira&password=demopass', { 'Content-Type': type });
			assert.ok(res.status >= 400 && res.status < 500, `${type || 'no type'}: status ${res.status}`);
		}
		await assertAlive();
	});

	it('a request line nginx passes with odd bytes in the path: not a 500', async () => {
		for (const target of [BASE_PATH + '/%00', BASE_PATH + '/%ff', BASE_PATH + '/..%2f..%2fetc%2fpasswd', BASE_PATH + '/signin%00']) {
			const res = await getRaw(target);
			assert.ok(res.status >= 400 && res.status < 500, `${target}: status ${res.status}`);
		}
		await assertAlive();
	});
});

describe('security headers', () => {
	it('on the public pages', async () => {
		const b = new Browser();
		for (const p of ['/signin', '/health', '/no-such-page']) {
			assert.deepEqual(securityHeaderProblems(await b.get(p)), [], p);
		}
		assert.deepEqual(securityHeaderProblems(await b.get('/')), [], 'the redirect to sign-in');
	});

	it('on redirects and pages for a signed-in user, with Cache-Control: no-store', async () => {
		const b = new Browser();
		const signin = await b.signIn('amira');
		assert.deepEqual(securityHeaderProblems(signin, { signedIn: true }), [], 'the sign-in redirect');
		for (const p of ['/', '/no-such-page', '/signin']) {
			assert.deepEqual(securityHeaderProblems(await b.get(p), { signedIn: true }), [], p);
		}
	});
});
