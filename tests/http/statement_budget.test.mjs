// Statements per request (issue 9, point 3): every main page runs at most a handful of
// database statements, session, layout and page together. The request log ends each line
// with sql=N; this reads it for each page. STATEMENT_REPORT=1 prints the table.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, dbRows, csrfFrom, logMark, logSince, waitFor, BASE_PATH } from './lib.mjs';

// The statements the request with this id ran, from its log line.
async function statementsOf(res) {
	const rid = res.headers['x-request-id'];
	assert.ok(rid, 'a request id header');
	const line = await waitFor(() => logSince(0).find((l) => l.includes(`rid=${rid} `)), 3000);
	assert.ok(line, `a log line for ${rid}`);
	const m = line.match(/\bsql=(\d+)/);
	assert.ok(m, `sql=N in ${line}`);
	return Number(m[1]);
}

const first = (sql) => dbRows(sql)[0][0];

describe('statements per request', () => {
	let amira, admin, pages;
	before(async () => {
		amira = await signedIn('amira');
		admin = await signedIn('admin');
		const org = first(`SELECT id FROM organisations WHERE name = 'Riverside Citizens Advice'`);
		const referral = first(`SELECT MIN(id) FROM referrals WHERE sending_org_id = ${org} OR receiving_org_id = ${org}`);
		const client = first(`SELECT MIN(client_id) FROM client_orgs WHERE organisation_id = ${org}`);
		const gender = first(`SELECT MIN(id) FROM reference_values WHERE list = 'gender' AND retired = 0`);
		const la = first('SELECT MIN(id) FROM local_authorities WHERE active = 1');
		// a draft to walk the journey's steps with (the steps redirect back when earlier ones are missing)
		const start = await amira.get('/referrals/new');
		const created = await amira.post('/referrals/new', { csrf: csrfFrom(start.body) });
		const draft = (created.headers.location || '').match(/drafts\/(\d+)/)?.[1];
		// [who, path, budget]: what the page runs today (session, layout and page together); the
		// issue's ceiling is 5, pages above it run page data only (see HACKING.md, "The catalog")
		pages = [
			// the session and the latest inbox messages: the dashboard from the worker's copy,
			// checked against the organisation's number the session statement read (sql/080);
			// 4 when the organisation's referrals have changed since the worker's last look
			['amira', '/', 2],
			// every organisation's: + the sum of all the organisations' numbers
			['admin', '/?org=all', 3],
			// the session and the page: the count and the staff choices from the worker's
			// copies (referral_list.c, by the organisation's referral and staff generations
			// the session statement read), 4 when both changed since the worker's last look
			['amira', '/referrals/received', 2],
			['amira', '/referrals/sent', 2],
			['amira', '/inbox', 3],
			['amira', '/clients', 3],
			// a search: the probe of how common the name is (which side the list starts from)
			// from the worker's copy of the last ten minutes (composed_sql.c)
			['amira', '/clients?q=smith', 3],
			// a search's and an age's count of a page after the first from the worker's copy
			// too (sql/090 moves the number when a client's name or birth date changes)
			['amira', '/referrals/received?q=smith&page=2', 2],
			['amira', '/referrals/sent?age_from=30&page=2', 2],
			// issue 12: the client list's filters, each and together (their plans: generate.test.mjs)
			['amira', '/clients?postcode=TS24', 3],
			['amira', '/clients?postcode=TS24+7AA', 3],
			['amira', '/clients?born=1985-03-12', 3],
			['amira', `/clients?age_from=30&age_to=40&gender=${gender}&local_authority=${la}`, 3],
			['admin', `/clients?age_from=30&gender=${gender}&local_authority=${la}&q=smith`, 3],
			['amira', `/clients/${client}`, 5], // issue 15: + the access and sharing histories (one statement)
			// the session, the referral, its group's history and its notes and files (one
			// statement: note_list_referral)
			['amira', `/referrals/${referral}`, 4],
			['amira', `/referrals/${referral}/notes`, 4],
			['amira', '/referrals/new', 2],
			['amira', '/drafts', 2],
			['amira', `/drafts/${draft}/find`, 3],
			['amira', `/drafts/${draft}/client`, 3],
			['amira', `/drafts/${draft}/details`, 3],
			['amira', `/drafts/${draft}/receivers`, 3],
			['amira', `/drafts/${draft}/questions`, 3],
			['amira', `/drafts/${draft}/summary`, 5],
			['amira', '/api/inbox/unread', 1],
			['admin', '/admin', 1],
			['admin', '/admin/organisations', 3],
			['admin', `/admin/organisations/${org}`, 10],
			['admin', '/admin/issues', 1],
			['admin', '/admin/settings', 1],
			['admin', '/admin/closure-reasons', 1],
			['admin', '/admin/bank-holidays', 3],
			['admin', '/admin/staff', 3],
			['admin', '/admin/audit', 4],
			['admin', '/admin/lists', 2],
			['admin', '/admin/lists/gender', 1],
			['admin', '/admin/local-authorities', 3],
			['admin', '/admin/postcodes', 3],
		];
	});

	it('each main page stays within its statement budget', async () => {
		const users = { amira, admin };
		const report = [];
		for (const [who, path, budget] of pages) {
			await users[who].get(path); // warm: the worker's cache and prepared statements
			// the fewest of a few requests: a worker's first request after a change to the
			// reference data also reloads its catalog, and a session idle for a minute is
			// touched; neither happens on every request
			let fewest = Infinity, status = 0;
			for (let i = 0; i < 4; i++) {
				const res = await users[who].get(path);
				status = res.status;
				fewest = Math.min(fewest, await statementsOf(res));
			}
			assert.equal(status, 200, `${who} ${path}`);
			report.push([who, path, status, fewest, budget]);
		}
		if (process.env.STATEMENT_REPORT) {
			for (const [who, path, status, n, budget] of report)
				console.log(`STATEMENTS ${who} ${path} status=${status} sql=${n} budget=${budget}`);
		}
		const over = report.filter(([, , , n, budget]) => n > budget);
		assert.deepEqual(over, [], 'pages over their statement budget: [who, path, status, sql, budget]');
	});
});
