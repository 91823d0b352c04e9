// The request pipeline's own policy (fcgi/worker.c and the route flags of fcgi/route.h):
// - a body larger than a form is read only for someone the route lets in: anyone else is
//   answered 401/403/413 from the headers alone, without the body ever being sent in full;
// - every JSON endpoint answers its errors, its own and the pipeline's, in one shape:
//   {"error": code, "message": text[, "field": name]} (HACKING.md, "JSON answers");
// - only built assets are served under /static (nginx), not their sources or dot files.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Browser, signedIn, csrfFrom, text, raw, snippet, stack, waitFor, BASE_PATH, ORIGIN } from './lib.mjs';

const host = new URL(ORIGIN).host;
const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const MB = 1000 * 1000;
const QUICK_MS = 5000; // far less than sending 50 MB would take, and there is no more to send

// Sends the headers of a POST declaring length bytes of body, and only the first part of
// it; resolves with the answer (the rest is never sent) and how long it took.
async function partialPost(p, { length, cookie, type, sent = '--x\r\n' }) {
	const head = [
		`POST ${BASE_PATH}${p} HTTP/1.1`,
		`Host: ${host}`,
		`Origin: ${ORIGIN}`,
		`Content-Type: ${type || 'multipart/form-data; boundary=x'}`,
		`Content-Length: ${length}`,
		...(cookie ? [`Cookie: ${cookie}`] : []),
		'Connection: close',
		'',
		'',
	].join('\r\n');
	const start = Date.now();
	const res = await raw(Buffer.from(head + sent, 'latin1'), { timeout: 15000 });
	return { res, ms: Date.now() - start };
}

function assertQuickRefusal({ res, ms }, status, what) {
	assert.equal(res.status, status, `${what}: ${res.status} ${snippet(res.body)}`);
	assert.ok(ms < QUICK_MS, `${what}: answered in ${ms} ms without the body`);
	assert.match(res.headers['content-type'] || '', /^text\/html/, `${what}: an error page`);
	assert.match(res.body, /<h1\b[^>]*>[^<]*\S/, `${what}: a page with a heading`);
}

describe('a large body before authentication', () => {
	let amira, admin;
	before(async () => {
		amira = await signedIn('amira');
		admin = await signedIn('admin');
	});

	it('anonymous 50 MB to the postcode import: 401 from the headers alone', async () => {
		const answer = await partialPost('/admin/postcodes/import', { length: 50 * MB });
		assertQuickRefusal(answer, 401, 'anonymous upload');
		assert.match(text(answer.res.body), /Sign in/);
	});

	it('an expired or made-up session is anonymous too: 401', async () => {
		const answer = await partialPost('/admin/postcodes/import', { length: 50 * MB, cookie: `referrals_session=${'a'.repeat(64)}` });
		assertQuickRefusal(answer, 401, 'unknown session');
	});

	it('a staff member who is not an administrator: 403 from the headers alone', async () => {
		const answer = await partialPost('/admin/postcodes/import', { length: 50 * MB, cookie: amira.cookieHeader() });
		assertQuickRefusal(answer, 403, 'non-admin upload');
		assert.match(text(answer.res.body), /administrators/);
	});

	it('an administrator over Limits.UploadBytes (50 MiB): 413 from the headers alone', async () => {
		const answer = await partialPost('/admin/postcodes/import', { length: 50 * 1024 * 1024 + 1, cookie: admin.cookieHeader() });
		assertQuickRefusal(answer, 413, 'over the upload limit');
	});

	it('any other route: a large body is refused 413 from the headers, signed in or not', async () => {
		for (const [p, cookie] of [['/signin', undefined], ['/referrals/new', amira.cookieHeader()], ['/inbox/read-all', undefined]]) {
			const answer = await partialPost(p, { length: 50 * MB, cookie, type: 'application/x-www-form-urlencoded', sent: 'a=1' });
			assert.equal(answer.res.status, 413, `${p}: ${answer.res.status} ${snippet(answer.res.body)}`);
			assert.ok(answer.ms < QUICK_MS, `${p}: answered in ${answer.ms} ms`);
		}
	});

	it('the workers are all still there afterwards', async () => {
		for (let i = 0; i < 6; i++) assert.equal((await new Browser().get('/health')).status, 200);
	});

	it('an administrator still imports a file larger than a form (1.4 MB)', async () => {
		// the sample's row of an unknown local authority, many times: read, counted and
		// refused, so the test changes no postcode that other tests count
		const lines = fs.readFileSync(path.join(DATA, 'onspd_sample.csv'), 'latin1').trim().split('\n');
		const refused = lines.find((l) => l.startsWith('"HU1 2AA"'));
		assert.ok(refused, 'the sample has the HU1 2AA row');
		const rows = 4000;
		const content = Buffer.from([lines[0], ...Array(rows).fill(refused), ''].join('\n'), 'latin1');
		assert.ok(content.length > 1024 * 1024, `the file (${content.length} bytes) is over Limits.BodyBytes`);
		const csrf = csrfFrom((await admin.get('/admin/postcodes/import')).body);
		const boundary = '----PipelineTest' + Math.random().toString(16).slice(2);
		const body = Buffer.concat([
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n`),
			Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`),
			content,
			Buffer.from(`\r\n--${boundary}--\r\n`),
		]);
		const res = await admin.request('POST', '/admin/postcodes/import', {
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: ORIGIN },
			body,
		});
		assert.equal(res.status, 200, snippet(text(res.body), 400));
		assert.match(text(res.body), /Postcodes imported/);
		assert.match(text(res.body), /Rows read 4,?000 /);
		assert.match(text(res.body), /Refused 4,?000 /);
	});
});

// The one error shape, exactly: these members and no others, all strings.
function assertJsonError(res, status, code, what) {
	assert.equal(res.status, status, `${what}: ${res.status} ${snippet(res.body)}`);
	assert.match(res.headers['content-type'] || '', /^application\/json/, `${what}: JSON`);
	const body = JSON.parse(res.body);
	const keys = Object.keys(body).sort();
	assert.ok(['error,message', 'error,field,message'].includes(keys.join(',')), `${what}: members ${keys}`);
	assert.equal(body.error, code, `${what}: code`);
	assert.equal(typeof body.message, 'string', `${what}: message`);
	assert.ok(body.message.length > 0, `${what}: a message`);
	return body;
}

describe('the JSON error shape on every JSON endpoint', () => {
	let amira, dan;
	before(async () => {
		amira = await signedIn('amira');
		dan = await signedIn('dan'); // in no organisation
	});

	it('/health: a wrong method', async () => {
		const res = await new Browser().request('POST', '/health', { headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
		assertJsonError(res, 405, 'method_not_allowed', 'POST /health');
		assert.equal(res.headers.allow, 'GET, HEAD');
	});

	it('/api/postcodes: not a postcode, not known, no organisation, a wrong method', async () => {
		assert.match(assertJsonError(await amira.get('/api/postcodes/hello'), 400, 'invalid', 'invalid').message, /Enter a full UK postcode/);
		assert.match(assertJsonError(await amira.get('/api/postcodes/ZZ99ZZ'), 404, 'not_found', 'unknown').message, /not in the postcode list/);
		assertJsonError(await dan.get('/api/postcodes/LS11UR'), 403, 'forbidden', 'no organisation');
		const csrf = csrfFrom((await amira.get('/referrals/new')).body);
		assertJsonError(await amira.post('/api/postcodes/LS11UR', { csrf }), 405, 'method_not_allowed', 'POST');
	});

	it('/api/clients/search: each invalid input names its field', async () => {
		const q = (o) => '/api/clients/search?' + new URLSearchParams(o);
		const first = assertJsonError(await amira.get(q({ first_name: '', last_name: 'Howard', dob_day: 7, dob_month: 6, dob_year: 1980 })), 400, 'invalid', 'no first name');
		assert.equal(first.field, 'first_name');
		assert.match(first.message, /first name/);
		const dob = assertJsonError(await amira.get(q({ first_name: 'Catherine', last_name: 'Howard', dob_day: 31, dob_month: 2, dob_year: 1980 })), 400, 'invalid', 'bad date');
		assert.equal(dob.field, 'dob');
		assertJsonError(await dan.get(q({ first_name: 'A', last_name: 'B', dob_day: 1, dob_month: 1, dob_year: 1980 })), 403, 'forbidden', 'no organisation');
		assertJsonError(await amira.request('DELETE', '/api/clients/search'), 405, 'method_not_allowed', 'DELETE');
	});

	it('/api/inbox/unread: no organisation, a wrong method', async () => {
		assertJsonError(await dan.get('/api/inbox/unread'), 403, 'forbidden', 'no organisation');
		assertJsonError(await amira.request('PUT', '/api/inbox/unread'), 405, 'method_not_allowed', 'PUT');
	});

	it('/_test/clients: missing fields', async () => {
		// /_test/clients is the one JSON route that takes a POST (test stack only)
		const res = await new Browser().post('/_test/clients', { first_name: 'X' }, { origin: null });
		assertJsonError(res, 400, 'invalid', 'test client without its fields');
	});
});

describe('the JSON error shape with the database down', () => {
	let amira;
	let stopped = false;
	before(async () => {
		amira = await signedIn('amira');
		stack('stop-db');
		stopped = true;
	});
	after(async () => {
		if (stopped) stack('start-db');
		await waitFor(async () => (await new Browser().get('/health')).status === 200, 30000, 250);
	});

	it('a JSON route answers 503 in the error shape, not an HTML page', async () => {
		for (const p of ['/api/inbox/unread', '/api/postcodes/LS11UR', '/api/clients/search?first_name=A']) {
			const body = assertJsonError(await amira.get(p), 503, 'unavailable', p);
			assert.match(body.message, /database/, p);
		}
	});
});

describe('static files: only the built assets', () => {
	it('serves the built styles and scripts', async () => {
		for (const p of ['/static/app.css', '/static/app.js', '/static/govuk-frontend.min.js', '/static/inbox-badge.js', '/static/favicon.svg']) {
			const res = await new Browser().get(p);
			assert.equal(res.status, 200, p);
		}
	});

	it('does not serve their sources or dot files', async () => {
		for (const p of ['/static/src/app.scss', '/static/src/copy-frontend-js.mjs', '/static/src/', '/static/.gitignore', '/static/src/../.gitignore']) {
			const res = await new Browser().get(p);
			assert.equal(res.status, 404, `${p}: ${res.status}`);
			assert.doesNotMatch(res.body, /govuk-frontend|app\.css|@use/, p);
		}
	});
});
