// The workers' catalog of reference data (fcgi/model/catalog.c): a change to an organisation,
// an issue, a closure reason or a setting — through the administration pages or straight in
// SQL — is seen by the very next request on every worker (the test stack runs three), because
// triggers move the cache generation the session statement reads (sql/016_cache_generation.sql).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, db, dbRows, sqlString, decodeEntities, csrfFrom, organisationId, logSince, waitFor } from './lib.mjs';

const RIVERSIDE = 'Riverside Citizens Advice';
const one = (sql) => db(sql).trim();
const generation = () => Number(one('SELECT generation FROM cache_generation WHERE id = 1'));

// The worker (process id) that answered, from the request log.
async function workerOf(res) {
	const rid = res.headers['x-request-id'];
	const line = await waitFor(() => logSince(0).find((l) => l.includes(`rid=${rid} `)), 3000);
	return line ? line.match(/referrals\[(\d+)\]/)[1] : undefined;
}

// GETs path enough times to reach every worker; check(body) must hold on each answer.
async function everyWorker(browser, path, check, what) {
	const workers = new Set();
	for (let i = 0; i < 9; i++) {
		const res = await browser.get(path);
		assert.equal(res.status, 200, `${path} answers`);
		assert.ok(check(res.body), `${what} on request ${i + 1} to ${path}`);
		workers.add(await workerOf(res));
	}
	assert.ok(workers.size >= 2, `several workers answered (${[...workers]})`);
}

const activeOrganisation = (html) => decodeEntities((html.match(/id="active-organisation">([^<]*)</) || [])[1] || '');
const inputValue = (html, id) => ((html.match(new RegExp(`<input\\b[^>]*\\bid="${id}"[^>]*>`)) || [''])[0].match(/\svalue="([^"]*)"/) || [])[1];

// The organisation's stored form as a browser would send it, with overrides.
async function organisationForm(admin, orgId, overrides) {
	const page = await admin.get(`/admin/organisations/${orgId}`);
	assert.equal(page.status, 200);
	const fields = [];
	for (const tag of page.body.match(/<(input|textarea)\b[^>]*>(?:[^<]*<\/textarea>)?/g) || []) {
		const name = (tag.match(/\sname="([^"]*)"/) || [])[1];
		if (!name || name === 'q' || name === 'organisation_id' || name === 'next') continue;
		const type = (tag.match(/\stype="([^"]*)"/) || [])[1];
		if (tag.startsWith('<textarea')) fields.push([name, decodeEntities(tag.replace(/^<textarea[^>]*>|<\/textarea>$/g, ''))]);
		else if (type === 'checkbox' || type === 'radio') {
			if (/\schecked\b/.test(tag)) fields.push([name, decodeEntities(tag.match(/\svalue="([^"]*)"/)[1])]);
		} else fields.push([name, decodeEntities((tag.match(/\svalue="([^"]*)"/) || [, ''])[1])]);
	}
	return fields.filter(([n]) => !(n in overrides)).concat(Object.entries(overrides));
}

describe('the catalog of reference data', () => {
	let admin, amira, riverside, issue, reasonName, settingsBefore;
	before(async () => {
		admin = await signedIn('admin');
		amira = await signedIn('amira');
		riverside = organisationId(RIVERSIDE);
		[issue] = dbRows('SELECT id, name, description FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1');
		reasonName = one('SELECT name FROM closure_reasons WHERE retired = 0 ORDER BY position, id LIMIT 1');
		settingsBefore = dbRows("SELECT name, value FROM settings WHERE name = 'update_within_days'");
		// every worker has loaded its copy
		await everyWorker(amira, '/', (b) => activeOrganisation(b) === RIVERSIDE, 'the organisation');
	});
	after(() => {
		db(`UPDATE organisations SET name = ${sqlString(RIVERSIDE)} WHERE id = ${riverside}`);
		db(`UPDATE issues SET name = ${sqlString(issue[1])}, description = ${sqlString(issue[2])} WHERE id = ${issue[0]}`);
		db(`UPDATE closure_reasons SET name = ${sqlString(reasonName)} WHERE name LIKE 'Catalog test%'`);
		for (const [name, value] of settingsBefore) db(`UPDATE settings SET value = ${sqlString(value)} WHERE name = ${sqlString(name)}`);
	});

	it('an organisation renamed on its administration page shows at once on every worker', async () => {
		const renamed = `${RIVERSIDE} (catalog test)`;
		const before = generation();
		const res = await admin.post(`/admin/organisations/${riverside}`, await organisationForm(admin, riverside, { name: renamed }));
		assert.equal(res.status, 303);
		assert.ok(generation() > before, 'the change moved the generation');
		await everyWorker(amira, '/', (b) => activeOrganisation(b) === renamed, 'the new name in the header');
		await everyWorker(admin, '/admin/audit', (b) => decodeEntities(b).includes(renamed), 'the new name in the audit filter');
	});

	it('an issue renamed on its administration page shows at once on every worker', async () => {
		const csrf = csrfFrom((await admin.get(`/admin/issues/${issue[0]}/edit`)).body);
		const renamed = `${issue[1]} (catalog test)`;
		const res = await admin.post(`/admin/issues/${issue[0]}`, { csrf, name: renamed, description: issue[2] });
		assert.equal(res.status, 303);
		await everyWorker(admin, '/admin/issues', (b) => decodeEntities(b).includes(renamed), 'the new issue name');
		await everyWorker(amira, '/referrals/received', (b) => decodeEntities(b).includes(renamed), 'the new issue name in the filter');
	});

	it('a setting changed on the settings page is used at once on every worker', async () => {
		const page = await admin.get('/admin/settings');
		const fields = { csrf: csrfFrom(page.body) };
		for (const name of ['update_within_days', 'close_within_days', 'urgent_update_within_days', 'urgent_close_within_days',
			'auto_close_days', 'session_timeout_minutes', 'session_lifetime_hours', 'consent_expiry_days']) fields[name] = inputValue(page.body, name);
		fields.auto_close_reason_id = one("SELECT value FROM settings WHERE name = 'auto_close_reason_id'");
		fields.gender_prefer_not_to_say = one("SELECT value FROM settings WHERE name = 'gender_prefer_not_to_say'");
		const changed = String(Number(fields.update_within_days) + 2);
		const res = await admin.post('/admin/settings', { ...fields, update_within_days: changed });
		assert.equal(res.status, 303);
		assert.equal(one("SELECT value FROM settings WHERE name = 'update_within_days'"), changed);
		await everyWorker(admin, '/admin/settings', (b) => inputValue(b, 'update_within_days') === changed, `update within ${changed}`);
	});

	it('a change made straight in SQL, bypassing the program, is seen at once too (the triggers)', async () => {
		const before = generation();
		db(`UPDATE organisations SET name = ${sqlString(`${RIVERSIDE} (by hand)`)} WHERE id = ${riverside}`);
		db(`UPDATE issues SET name = ${sqlString(`${issue[1]} (by hand)`)} WHERE id = ${issue[0]}`);
		db(`UPDATE closure_reasons SET name = 'Catalog test reason' WHERE name = ${sqlString(reasonName)}`);
		db("UPDATE settings SET value = '9' WHERE name = 'update_within_days'");
		assert.ok(generation() >= before + 4, 'each change moved the generation');
		await everyWorker(amira, '/', (b) => activeOrganisation(b) === `${RIVERSIDE} (by hand)`, 'the organisation renamed by hand');
		await everyWorker(admin, '/admin/issues', (b) => decodeEntities(b).includes(`${issue[1]} (by hand)`), 'the issue renamed by hand');
		await everyWorker(admin, '/admin/closure-reasons', (b) => b.includes('Catalog test reason'), 'the closure reason renamed by hand');
		await everyWorker(admin, '/admin/settings', (b) => inputValue(b, 'update_within_days') === '9', 'the setting changed by hand');
	});

	it('a rolled back change leaves the generation as it was', () => {
		const before = generation();
		db(`START TRANSACTION; UPDATE issues SET name = 'Catalog test rollback' WHERE id = ${issue[0]}; ROLLBACK`);
		assert.equal(generation(), before);
	});
});
