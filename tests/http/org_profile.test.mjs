// Organisations run themselves (issue 13, points 2 to 6): the directory and profiles every
// member of staff can read (organisation data only), the lead's edit form, pause (with reason
// and resume date, resumed by the scheduled job with a set clock) and banner, accepted
// senders (also at the send), ranked matches in the receivers step with one line of why, and
// the "no eligible organisation" page's link to the directory.
// The lead's permission is org_role_allows (fcgi/model/org_role.h): administrators, and the
// organisation's leads and managers; tested as each, and as another organisation's lead.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Browser, BASE_PATH, STACK_DIR, signedIn, db, dbRows, text, csrfFrom, decodeEntities, sqlString, organisationId, snippet } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.REFERRALS_BIN || path.join(here, '..', '..', 'fcgi', 'referrals');
const runJobs = (now) => spawnSync(bin, ['-c', path.join(STACK_DIR, 'referrals.hdf'), 'run-jobs', '--now', now], { encoding: 'utf8', timeout: 60000 });

const PREFIX = 'Oprof';
const SENDER = 'Riverside Citizens Advice'; // amira's (staff) and admin's organisation

function one(sql) {
	const rows = dbRows(sql);
	assert.equal(rows.length, 1, `one row for ${sql}`);
	return rows[0][0];
}
const genderId = (name) => one(`SELECT id FROM reference_values WHERE list = 'gender' AND name = ${sqlString(name)}`);

// name → [capacity, min_age, max_age, all_genders, all_local_authorities, all_senders]
const ORGS = {
	plain: [`${PREFIX} Plain Help`, 'NULL', 'NULL', 'NULL', 1, 1, 1],
	roomy: [`${PREFIX} Roomy Help`, 50, 'NULL', 'NULL', 1, 1, 1],
	tight: [`${PREFIX} Tight Help`, 5, 'NULL', 'NULL', 1, 1, 1],
	ages: [`${PREFIX} Ages Help`, 'NULL', 18, 65, 1, 1, 1],
	local: [`${PREFIX} Zed Local Women`, 'NULL', 'NULL', 'NULL', 0, 0, 1],
	chosen: [`${PREFIX} Chosen Senders`, 'NULL', 'NULL', 'NULL', 1, 1, 0],
	parent: [`${PREFIX} Parent Body`, 'NULL', 'NULL', 'NULL', 1, 1, 1],
	pausable: [`${PREFIX} Pausable Project`, 'NULL', 'NULL', 'NULL', 1, 1, 1],
};
const ids = { orgs: {} };
const drafts = [];
let amira, admin, issue, nobodyIssue, la, otherLa, amiraId;

function createFixtures() {
	db(`INSERT INTO local_authorities (name, code) VALUES ('${PREFIX} Northton', 'E09960001'), ('${PREFIX} Southby', 'E09960002')`);
	la = one(`SELECT id FROM local_authorities WHERE code = 'E09960001'`);
	otherLa = one(`SELECT id FROM local_authorities WHERE code = 'E09960002'`);
	db(`INSERT INTO issues (name, description, position) VALUES ('${PREFIX} Housing', 'Test', 950), ('${PREFIX} Nobody', 'Test', 951)`);
	issue = one(`SELECT id FROM issues WHERE name = '${PREFIX} Housing'`);
	nobodyIssue = one(`SELECT id FROM issues WHERE name = '${PREFIX} Nobody'`);
	for (const [key, [name, capacity, minAge, maxAge, allGenders, allLas, allSenders]] of Object.entries(ORGS)) {
		db(`INSERT INTO organisations (name, capacity, min_age, max_age, all_genders, all_local_authorities, all_senders, contact_phone, description)
		    VALUES (${sqlString(name)}, ${capacity}, ${minAge}, ${maxAge}, ${allGenders}, ${allLas}, ${allSenders}, '01632960001', 'Helps people in ${key}')`);
		ids.orgs[key] = organisationId(name);
		if (key !== 'parent') db(`INSERT INTO organisation_issues (organisation_id, issue_id) VALUES (${ids.orgs[key]}, ${issue})`);
	}
	db(`INSERT INTO organisation_genders (organisation_id, gender_id) VALUES (${ids.orgs.local}, ${genderId('Female')})`);
	db(`INSERT INTO organisation_local_authorities (organisation_id, local_authority_id) VALUES (${ids.orgs.local}, ${la})`);
	// the chosen-senders organisation accepts only the parent body (and so its teams)
	db(`INSERT INTO organisation_senders (organisation_id, sender_org_id) VALUES (${ids.orgs.chosen}, ${ids.orgs.parent})`);
	// two open referrals at the tight organisation: 3 of 5 places free
	db(`INSERT INTO clients (first_name, last_name, first_name_key, last_name_key, date_of_birth, created_by)
	    VALUES ('Oprof', 'Zyxclient', 'oprof', 'zyxclient', '1980-01-01', ${amiraId})`);
	const client = one(`SELECT id FROM clients WHERE first_name = 'Oprof' AND last_name = 'Zyxclient'`);
	const sender = organisationId(SENDER);
	db(`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${sender}, ${amiraId})`);
	const consent = one(`SELECT MAX(id) FROM consents WHERE client_id = ${client}`);
	db(`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${sender}, ${amiraId}, ${consent})`);
	const group = one(`SELECT MAX(id) FROM referral_groups WHERE client_id = ${client}`);
	for (let i = 0; i < 2; i++)
		db(`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due)
		    VALUES (${group}, ${client}, ${issue}, ${sender}, ${ids.orgs.tight}, ${amiraId}, 'new', '2030-01-01', '2030-01-01')`);
}

function removeFixtures() {
	const orgList = Object.values(ids.orgs).join(',') || '0';
	const client = `(SELECT id FROM clients WHERE first_name = 'Oprof')`;
	db(`UPDATE organisations SET parent_id = NULL WHERE parent_id IN (${orgList})`);
	db(`DELETE FROM referrals WHERE client_id IN ${client}`);
	db(`DELETE FROM referral_groups WHERE client_id IN ${client}`);
	db(`DELETE FROM consents WHERE client_id IN ${client}`);
	db(`DELETE FROM client_orgs WHERE client_id IN ${client}`);
	db(`DELETE FROM drafts WHERE id IN (${drafts.join(',') || 0})`);
	db(`DELETE FROM clients WHERE first_name = 'Oprof'`);
	db(`DELETE FROM gaps_in_service WHERE issue_id IN (${issue || 0}, ${nobodyIssue || 0})`);
	db(`DELETE FROM inbox_messages WHERE subject LIKE 'Gap in service: ${PREFIX}%'`);
	db(`DELETE FROM organisation_issues WHERE issue_id IN (${issue || 0}, ${nobodyIssue || 0})`);
	db(`DELETE FROM organisations WHERE id IN (${orgList})`);
	db(`DELETE FROM issues WHERE name LIKE '${PREFIX} %'`);
	db(`DELETE FROM local_authorities WHERE code IN ('E09960001', 'E09960002')`);
}

async function newDraft() {
	const token = csrfFrom((await amira.get('/referrals/new')).body);
	const res = await amira.post('/referrals/new', { csrf: token });
	assert.equal(res.status, 303);
	const m = res.location.match(/\/drafts\/(\d+)\/find$/);
	drafts.push(m[1]);
	return m[1];
}

function setValues(draft, values) {
	for (const [name, value] of Object.entries(values)) {
		db(`DELETE FROM draft_values WHERE draft_id = ${draft} AND name = ${sqlString(name)}`);
		const list = Array.isArray(value) ? value : [value];
		list.forEach((v, i) => db(`INSERT INTO draft_values (draft_id, name, position, value) VALUES (${draft}, ${sqlString(name)}, ${i}, ${sqlString(String(v))})`));
	}
}

// A draft for the test issue: a woman of 30 in Northton, sent by Riverside.
async function draftFor(issues = [issue]) {
	const draft = await newDraft();
	setValues(draft, {
		first_name: 'Robin', last_name: 'Oproftest', dob_day: '1', dob_month: '1',
		dob_year: String(new Date().getUTCFullYear() - 30), gender: genderId('Female'), local_authority: la,
		sending_org: organisationId(SENDER), issue: issues, urgent: 'no',
	});
	return draft;
}

const byId = () => Object.fromEntries(Object.entries(ids.orgs).map(([k, v]) => [v, k]));
// The offered organisations in the page's order.
function offered(html) {
	const names = byId();
	return (html.match(/<input\b[^>]*>/g) || []).filter((t) => t.includes(` name="receiver_${issue}"`))
		.map((t) => names[decodeEntities(t.match(/\svalue="([^"]*)"/)[1])]).filter(Boolean);
}
function reasonFor(html, key) {
	const name = ORGS[key][0];
	const row = (html.match(/<tr\b[\s\S]*?<\/tr>/g) || []).find((r) => text(r).includes(name));
	return row ? text(row).replace(name, '').trim() : undefined;
}
const main = (html) => text(html.match(/<main\b[\s\S]*<\/main>/)[0]);
const audit = (action, org) => dbRows(`SELECT staff_id, organisation_id, old_value, new_value FROM events WHERE action = '${action}' AND subject_id = ${org} ORDER BY id`);

before(async () => {
	amira = await signedIn('amira');
	admin = await signedIn('admin');
	amiraId = one(`SELECT id FROM staff WHERE username = 'amira'`);
	removeFixtures();
	createFixtures();
});

after(() => removeFixtures());

describe('who may use the new routes', () => {
	const routes = () => {
		const id = ids.orgs.pausable;
		return [
			['GET', '/organisations'], ['GET', `/organisations/${id}`], ['GET', `/organisations/${id}/edit`],
			['POST', `/organisations/${id}/edit`], ['POST', `/organisations/${id}/pause`],
			['POST', `/organisations/${id}/resume`], ['POST', `/organisations/${id}/banner`],
		];
	};
	const snapshot = () => JSON.stringify(dbRows(`SELECT name, accepting, paused_reason, banner, description FROM organisations WHERE id = ${ids.orgs.pausable}`));

	it('signed out: sent to sign in, nothing changes', async () => {
		const anon = new Browser();
		const before = snapshot();
		for (const [method, p] of routes()) {
			const res = method === 'GET' ? await anon.get(p) : await anon.post(p, { csrf: 'x', reason: 'x', banner: 'x', name: 'x' });
			assert.equal(res.status, 303, `${method} ${p}`);
			assert.ok(res.headers.location.startsWith(`${BASE_PATH}/signin`), `${method} ${p}: ${res.headers.location}`);
		}
		assert.equal(snapshot(), before);
	});

	it('staff read the directory and profiles, and get 403 on every change (their own organisation too)', async () => {
		const csrf = csrfFrom((await amira.get('/organisations')).body);
		const before = snapshot();
		for (const [method, p] of routes()) {
			const res = method === 'GET' ? await amira.get(p) : await amira.post(p, { csrf, reason: 'Staff shortage', banner: 'x', name: 'x' });
			const editing = p.endsWith('/edit') || method === 'POST';
			assert.equal(res.status, editing ? 403 : 200, `${method} ${p}: ${snippet(res.body)}`);
		}
		const own = organisationId(SENDER);
		for (const p of [`/organisations/${own}/pause`, `/organisations/${own}/banner`, `/organisations/${own}/resume`])
			assert.equal((await amira.post(p, { csrf, reason: 'x', banner: 'x' })).status, 403, p);
		assert.equal((await amira.get(`/organisations/${own}/edit`)).status, 403);
		assert.equal(snapshot(), before);
		// no forms to manage it on the profile
		const profile = await amira.get(`/organisations/${ids.orgs.pausable}`);
		assert.doesNotMatch(profile.body, /id="pause-form"|id="banner-form"|id="edit-profile"/);
	});

	it('an administrator may (the lead permission); an unknown organisation is 404', async () => {
		const profile = await admin.get(`/organisations/${ids.orgs.pausable}`);
		assert.equal(profile.status, 200);
		assert.match(profile.body, /id="pause-form"/);
		assert.match(profile.body, /id="banner-form"/);
		assert.equal((await admin.get(`/organisations/${ids.orgs.pausable}/edit`)).status, 200);
		assert.equal((await admin.get('/organisations/999999999')).status, 404);
		const csrf = csrfFrom(profile.body);
		assert.equal((await admin.post('/organisations/999999999/pause', { csrf, reason: 'x' })).status, 404);
	});

	it('a POST without the form token is refused', async () => {
		const before = snapshot();
		const res = await admin.post(`/organisations/${ids.orgs.pausable}/pause`, { reason: 'Forged' });
		assert.equal(res.status, 403);
		assert.equal(snapshot(), before);
	});
});

describe('an organisation lead (membership roles, fcgi/model/org_role.c)', () => {
	let lead, otherLead, staffMember;
	const setRole = (username, orgId, role) =>
		db(`INSERT INTO staff_orgs (staff_id, organisation_id, source, role) SELECT id, ${orgId}, 'manual', ${role} FROM staff WHERE username = ${sqlString(username)}
		    ON DUPLICATE KEY UPDATE role = VALUES(role)`);
	const forget = () => db(`DELETE FROM staff_orgs WHERE source = 'manual' AND organisation_id IN (${ids.orgs.pausable}, ${ids.orgs.tight})
	    AND staff_id IN (SELECT id FROM staff WHERE username IN ('tina', 'tom', 'tara'))`);
	const snapshot = () => JSON.stringify(dbRows(`SELECT name, accepting, paused_reason, banner, description FROM organisations WHERE id = ${ids.orgs.pausable}`));

	before(async () => {
		// signed in first: a person's staff row is made at their first sign-in; the roles then
		// apply from the next request, as a manager's change does
		[lead, otherLead, staffMember] = [await signedIn('tina'), await signedIn('tom'), await signedIn('tara')];
		forget();
		setRole('tina', ids.orgs.pausable, 1); // lead of the pausable project
		setRole('tom', ids.orgs.tight, 1); // lead of another organisation
		setRole('tara', ids.orgs.pausable, 0); // staff of the pausable project
	});
	after(() => {
		if (ids.orgs.pausable) db(`UPDATE organisations SET banner = '' WHERE id = ${ids.orgs.pausable}`);
		forget();
	});

	it('edits their own organisation: the profile form, and a banner, audited with the organisation', async () => {
		const profile = await lead.get(`/organisations/${ids.orgs.pausable}`);
		assert.match(profile.body, /id="banner-form"/);
		assert.equal((await lead.get(`/organisations/${ids.orgs.pausable}/edit`)).status, 200);
		const csrf = csrfFrom(profile.body);
		const res = await lead.post(`/organisations/${ids.orgs.pausable}/banner`, { csrf, banner: 'Set by our lead' });
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(one(`SELECT banner FROM organisations WHERE id = ${ids.orgs.pausable}`), 'Set by our lead');
		const [entry] = audit('organisation.banner', ids.orgs.pausable).slice(-1);
		assert.equal(entry[0], one(`SELECT id FROM staff WHERE username = 'tina'`), 'audited as the lead');
		assert.equal(entry[1], String(ids.orgs.pausable), 'with the organisation');
	});

	// issue 13 point 1: what a lead changes is audited as the organisation's own change
	// (organisation.*), apart from an administrator's (admin.organisation.*), with the person
	// and the organisation, and the audit page says so in words.
	it('a lead\'s edit, pause and resume are audited as the organisation\'s own changes, shown in words on the audit page', async () => {
		const org = ids.orgs.pausable;
		const tina = one(`SELECT id FROM staff WHERE username = 'tina'`);
		const mark = one('SELECT COALESCE(MAX(id), 0) FROM events');
		const csrf = csrfFrom((await lead.get(`/organisations/${org}/edit`)).body);
		let res = await lead.post(`/organisations/${org}/edit`, [['csrf', csrf], ['name', ORGS.pausable[0]], ['description', 'Helps people in pausable'],
			['contact_phone', '01632960001'], ['accepting', '1'], ['capacity', '7'], ['issues', String(issue)], ['genders_all', 'all'], ['las_all', 'all'], ['senders_all', 'all']]);
		assert.equal(res.status, 303, snippet(res.body));
		res = await lead.post(`/organisations/${org}/pause`, { csrf, reason: 'Lead on leave' });
		assert.equal(res.status, 303, snippet(res.body));
		res = await lead.post(`/organisations/${org}/resume`, { csrf });
		assert.equal(res.status, 303, snippet(res.body));
		const rows = dbRows(`SELECT action, staff_id, organisation_id, old_value, new_value FROM events WHERE id > ${mark} AND subject_type = 'organisation' AND subject_id = ${org} ORDER BY id`);
		assert.deepEqual(rows, [
			['organisation.profile.capacity', tina, String(org), 'No limit', '7'],
			['organisation.pause', tina, String(org), 'Accepting referrals', 'Lead on leave'],
			['organisation.resume', tina, String(org), 'Lead on leave', 'Accepting referrals'],
		]);
		db(`UPDATE organisations SET capacity = NULL WHERE id = ${org}`);
		// the audit page: the organisation's own changes in words, found by their own filter and
		// not among the administrators'
		const page = await admin.get(`/admin/audit?action=organisation.&organisation=${org}`);
		assert.equal(page.status, 200);
		const row = (action) => text((page.body.match(new RegExp(`<tr[^>]*data-action="${action.replace(/\./g, '\\.')}"[\\s\\S]*?</tr>`)) || [''])[0]);
		assert.match(row('organisation.profile.capacity'), /Tina\b.*tina.*Oprof Pausable Project.*Organisation's own change: capacity.*No limit.*7.*Capacity/);
		assert.match(row('organisation.pause'), /Organisation's own change: referrals paused/);
		assert.match(row('organisation.resume'), /Organisation's own change: referrals resumed/);
		assert.match(decodeEntities(page.body), /<option value="organisation\."[^>]*selected[^>]*>Every change by an organisation's lead to their organisation</);
		const admins = await admin.get(`/admin/audit?action=admin.&organisation=${org}`);
		assert.doesNotMatch(admins.body, /data-action="organisation\./, 'not among the administrators\' changes');
	});

	it('another organisation\'s lead, and the organisation\'s own staff, get 403 and change nothing', async () => {
		const before = snapshot();
		for (const who of [otherLead, staffMember]) {
			const csrf = csrfFrom((await who.get('/organisations')).body);
			assert.equal((await who.get(`/organisations/${ids.orgs.pausable}/edit`)).status, 403);
			for (const verb of ['pause', 'banner', 'resume', 'edit'])
				assert.equal((await who.post(`/organisations/${ids.orgs.pausable}/${verb}`, { csrf, reason: 'x', banner: 'x', name: 'x' })).status, 403, verb);
		}
		assert.equal(snapshot(), before);
		// the other lead may still run their own
		assert.equal((await otherLead.get(`/organisations/${ids.orgs.tight}/edit`)).status, 200);
	});

	// issue 13 point 1: a manager may do everything a lead may
	it('a manager of the organisation may do what its lead does, audited as the organisation\'s own change', async () => {
		setRole('tara', ids.orgs.pausable, 2);
		try {
			const profile = await staffMember.get(`/organisations/${ids.orgs.pausable}`);
			assert.match(profile.body, /id="banner-form"/);
			assert.equal((await staffMember.get(`/organisations/${ids.orgs.pausable}/edit`)).status, 200);
			const res = await staffMember.post(`/organisations/${ids.orgs.pausable}/banner`, { csrf: csrfFrom(profile.body), banner: 'Set by our manager' });
			assert.equal(res.status, 303, snippet(res.body));
			const [entry] = audit('organisation.banner', ids.orgs.pausable).slice(-1);
			assert.deepEqual([entry[0], entry[3]], [one(`SELECT id FROM staff WHERE username = 'tara'`), 'Set by our manager']);
		} finally {
			setRole('tara', ids.orgs.pausable, 0);
		}
	});
});

describe('pause, resume and banner', () => {
	const id = () => ids.orgs.pausable;
	const row = () => dbRows(`SELECT accepting, paused_reason, paused_until FROM organisations WHERE id = ${id()}`)[0];

	it('a pause needs a reason; a resume date must be a real date after today; the form keeps what was typed', async () => {
		const csrf = csrfFrom((await admin.get(`/organisations/${id()}`)).body);
		let res = await admin.post(`/organisations/${id()}/pause`, { csrf, reason: '', resume_day: '3', resume_month: '3', resume_year: '2099' });
		assert.equal(res.status, 400);
		assert.match(main(res.body), /Enter why referrals are paused/);
		assert.match(res.body, /name="resume_year"[^>]*value="2099"/);
		res = await admin.post(`/organisations/${id()}/pause`, { csrf, reason: 'Staff shortage', resume_day: '1', resume_month: '1', resume_year: '2020' });
		assert.equal(res.status, 400);
		assert.match(main(res.body), /The date to resume must be after today/);
		assert.match(res.body, /name="reason"[^>]*value="Staff shortage"/);
		res = await admin.post(`/organisations/${id()}/pause`, { csrf, reason: 'Staff shortage', resume_day: '31', resume_month: '2', resume_year: '2099' });
		assert.equal(res.status, 400);
		assert.deepEqual(row(), ['1', 'NULL', 'NULL']);
	});

	it('an administrator pauses with a reason and date: audited with the organisation, shown on the profile and in the directory', async () => {
		const csrf = csrfFrom((await admin.get(`/organisations/${id()}`)).body);
		const res = await admin.post(`/organisations/${id()}/pause`, { csrf, reason: 'Staff shortage', resume_day: '3', resume_month: '3', resume_year: '2099' });
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(res.location, `${BASE_PATH}/organisations/${id()}?done=paused`);
		assert.deepEqual(row(), ['0', 'Staff shortage', '2099-03-03']);
		// an administrator's pause is an administrator's change (a lead's: organisation.pause)
		const [entry] = audit('admin.organisation.pause', id()).slice(-1);
		assert.equal(entry[1], String(id()), 'audited with the organisation');
		assert.equal(entry[3], 'Staff shortage (until 2099-03-03)');
		assert.match(main((await amira.get(`/organisations/${id()}`)).body), /Paused until 3 March 2099: Staff shortage/);
		assert.match(main((await amira.get(`/organisations?q=${PREFIX}%20Pausable`)).body), /Paused until 3 March 2099: Staff shortage/);
		// not among the accepting now
		assert.doesNotMatch(main((await amira.get(`/organisations?q=${PREFIX}&accepting=1`)).body), /Pausable Project/);
	});

	it('a sender sees it among those not offered, with the pause and its reason', async () => {
		const draft = await draftFor();
		const page = await amira.get(`/drafts/${draft}/receivers`);
		assert.equal(page.status, 200);
		assert.ok(!offered(page.body).includes('pausable'));
		assert.equal(reasonFor(page.body, 'pausable'), 'Paused until 3 March 2099: Staff shortage');
	});

	// The job's clock is set in early 2025, before any demo or test referral (as in
	// jobs.test.mjs), so its other parts touch nothing: the pause's date is moved there first.
	it('the scheduled job resumes it on its date, not before (a set clock)', () => {
		db(`UPDATE organisations SET paused_until = '2025-03-03' WHERE id = ${id()}`);
		let run = runJobs('2025-03-02 12:00:00');
		assert.equal(run.status, 0, run.stderr);
		assert.deepEqual(row(), ['0', 'Staff shortage', '2025-03-03']);
		// 00:30 UTC on 3 March is 3 March in London too
		run = runJobs('2025-03-03 00:30:00');
		assert.equal(run.status, 0, run.stderr);
		assert.match(run.stdout, /organisations resumed: [1-9]/);
		assert.deepEqual(row(), ['1', 'NULL', 'NULL']);
		const [entry] = audit('organisation.resume', id()).slice(-1);
		assert.equal(entry[0], 'NULL', 'by the job: no member of staff');
		assert.equal(entry[1], String(id()));
		assert.equal(entry[2], 'Staff shortage (until 2025-03-03)');
		run = runJobs('2025-03-04 12:00:00');
		assert.match(run.stdout, /organisations resumed: 0/);
	});

	it('paused without a date, it stays paused through the job until resumed by hand', async () => {
		const csrf = csrfFrom((await admin.get(`/organisations/${id()}`)).body);
		assert.equal((await admin.post(`/organisations/${id()}/pause`, { csrf, reason: 'Moving office' })).status, 303);
		runJobs('2025-03-05 12:00:00');
		assert.deepEqual(row(), ['0', 'Moving office', 'NULL']);
		const profile = await admin.get(`/organisations/${id()}`);
		assert.match(main(profile.body), /Paused: Moving office/);
		assert.match(profile.body, /id="resume-form"/);
		const res = await admin.post(`/organisations/${id()}/resume`, { csrf });
		assert.equal(res.status, 303);
		assert.deepEqual(row(), ['1', 'NULL', 'NULL']);
		assert.equal(audit('admin.organisation.resume', id()).slice(-1)[0][3], 'Accepting referrals');
	});

	it('a banner alert shows on the profile and where the organisation is offered; too long is refused and kept', async () => {
		const csrf = csrfFrom((await admin.get(`/organisations/${id()}`)).body);
		let res = await admin.post(`/organisations/${id()}/banner`, { csrf, banner: 'x'.repeat(301) });
		assert.equal(res.status, 400);
		assert.match(main(res.body), /Banner alert must be 300 characters or fewer/);
		res = await admin.post(`/organisations/${id()}/banner`, { csrf, banner: 'Call before referring <b>please</b>' });
		assert.equal(res.status, 303);
		assert.equal(audit('admin.organisation.banner', id()).slice(-1)[0][3], 'Call before referring <b>please</b>');
		const profile = await amira.get(`/organisations/${id()}`);
		assert.match(profile.body, /Call before referring &lt;b&gt;please&lt;\/b&gt;/, 'escaped');
		const draft = await draftFor();
		const step = await amira.get(`/drafts/${draft}/receivers`);
		assert.ok(offered(step.body).includes('pausable'));
		assert.match(main(step.body), new RegExp(`Alert from ${ORGS.pausable[0]}: Call before referring <b>please</b>`));
		// removed
		assert.equal((await admin.post(`/organisations/${id()}/banner`, { csrf, banner: '' })).status, 303);
		assert.equal(one(`SELECT CONCAT('[', banner, ']') FROM organisations WHERE id = ${id()}`), '[]');
	});
});

describe('accepted senders', () => {
	it('an organisation that accepts only chosen senders is not offered to others, with the reason', async () => {
		const draft = await draftFor();
		const page = await amira.get(`/drafts/${draft}/receivers`);
		assert.ok(!offered(page.body).includes('chosen'));
		assert.equal(reasonFor(page.body, 'chosen'), `Does not accept referrals from ${SENDER}`);
		// choosing it anyway is refused with the reason
		const csrf = csrfFrom(page.body);
		const res = await amira.post(`/drafts/${draft}/receivers`, { csrf, [`receiver_${issue}`]: ids.orgs.chosen });
		assert.equal(res.status, 400);
		assert.match(main(res.body), /Does not accept referrals from Riverside Citizens Advice/);
	});

	it('a team of a chosen parent organisation is accepted', async () => {
		db(`UPDATE organisations SET parent_id = ${ids.orgs.parent} WHERE id = ${organisationId(SENDER)}`);
		try {
			const draft = await draftFor();
			const page = await amira.get(`/drafts/${draft}/receivers`);
			assert.ok(offered(page.body).includes('chosen'), 'offered to a team of the parent');
		} finally {
			db(`UPDATE organisations SET parent_id = NULL WHERE id = ${organisationId(SENDER)}`);
		}
	});
	// the send's own check: journey_send.test.mjs, 'checks accepted senders again inside the send'
});

describe('ranked matches', () => {
	it('closest matches first, ties by most free places then name, with one line of why', async () => {
		const draft = await draftFor();
		const page = await amira.get(`/drafts/${draft}/receivers`);
		assert.equal(page.status, 200);
		// local names gender and local authority (2 criteria beyond the issue), ages names an age
		// range (1); the rest accept everyone: no limit (pausable, plain) before 50 free (roomy)
		// before 3 free (tight); Pausable before Plain by name
		assert.deepEqual(offered(page.body), ['local', 'ages', 'pausable', 'plain', 'roomy', 'tight']);
		const why = text(page.body.match(new RegExp(`<p[^>]*id="order_${issue}"[^>]*>[\\s\\S]*?</p>`))[0]).trim();
		assert.equal(why, `Closest matches first: ${ORGS.local[0]} names this issue, this gender and this local authority; then the most free places, then by name.`);
		// each offered organisation links to its profile
		for (const key of ['local', 'ages', 'plain'])
			assert.match(page.body, new RegExp(`href="${BASE_PATH}/organisations/${ids.orgs[key]}"`));
	});
});

describe('the directory', () => {
	it('searches by name, issue, local authority and accepting now', async () => {
		const names = (html) => [...html.matchAll(/<h3[^>]*>\s*<a[^>]*>([^<]*)<\/a>/g)].map((m) => decodeEntities(m[1])).filter((n) => n.startsWith(PREFIX));
		let res = await amira.get(`/organisations?q=${PREFIX}`);
		assert.equal(res.status, 200);
		assert.deepEqual(names(res.body), Object.values(ORGS).map((o) => o[0]).sort());
		res = await amira.get(`/organisations?q=${PREFIX}&issue=${issue}`);
		assert.ok(!names(res.body).includes(ORGS.parent[0]), 'the parent does not handle the issue');
		assert.match(main(res.body), new RegExp(`for ${PREFIX} Housing`));
		res = await amira.get(`/organisations?q=${PREFIX}&la=${otherLa}`);
		assert.ok(!names(res.body).includes(ORGS.local[0]), 'covers Northton only');
		assert.ok(names(res.body).includes(ORGS.plain[0]), 'covers all');
		db(`UPDATE organisations SET accepting = 0 WHERE id = ${ids.orgs.roomy}`);
		try {
			res = await amira.get(`/organisations?q=${PREFIX}&accepting=1`);
			assert.ok(!names(res.body).includes(ORGS.roomy[0]));
			assert.ok(names(res.body).includes(ORGS.plain[0]));
		} finally {
			db(`UPDATE organisations SET accepting = 1 WHERE id = ${ids.orgs.roomy}`);
		}
		res = await amira.get(`/organisations?q=${encodeURIComponent('%')}`);
		assert.equal(res.status, 200);
		for (const bad of ['issue=abc', 'la=-1', 'page=999999', 'q=' + 'x'.repeat(300)])
			assert.equal((await amira.get(`/organisations?${bad}`)).status, 200, bad);
	});

	it('shows nothing but organisation data: no staff, clients, referrals or directory groups', async () => {
		const pages = [await amira.get('/organisations'), await amira.get(`/organisations?q=${PREFIX}`), await amira.get(`/organisations/${organisationId(SENDER)}`), await amira.get(`/organisations/${ids.orgs.tight}`)];
		const staff = dbRows(`SELECT username, display_name FROM staff`).flat();
		const clients = dbRows(`SELECT last_name FROM clients WHERE first_name = 'Oprof'`).flat();
		for (const page of pages) {
			assert.equal(page.status, 200);
			const body = main(page.body);
			for (const word of [...staff, ...clients])
				assert.ok(!new RegExp(`\\b${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(body), `"${word}" on a directory page`);
			assert.doesNotMatch(page.body, /cn=|ou=groups|\/referrals\/\d|\/clients\/\d/);
		}
		// the profile shows capacity and its current use (counts, not referrals)
		assert.match(main(pages[3].body), /2 of 5 places in use/);
	});

	it('an inactive organisation is not in the directory and its profile is 404 for staff', async () => {
		db(`UPDATE organisations SET active = 0 WHERE id = ${ids.orgs.roomy}`);
		try {
			assert.doesNotMatch(main((await amira.get(`/organisations?q=${PREFIX}`)).body), /Roomy Help/);
			assert.equal((await amira.get(`/organisations/${ids.orgs.roomy}`)).status, 404);
			assert.equal((await admin.get(`/organisations/${ids.orgs.roomy}`)).status, 200);
		} finally {
			db(`UPDATE organisations SET active = 1 WHERE id = ${ids.orgs.roomy}`);
		}
	});

	it('the "no eligible organisation" page links to the directory for the issue', async () => {
		const draft = await draftFor([nobodyIssue]);
		const page = await amira.get(`/drafts/${draft}/receivers`);
		assert.match(page.body, new RegExp(`id="directory_${nobodyIssue}" href="${BASE_PATH}/organisations\\?issue=${nobodyIssue}"`));
	});
});

describe('the profile form (the lead\'s and the administrator\'s)', () => {
	const id = () => ids.orgs.plain;

	it('the lead\'s form has no status, directory groups or parent, saves the rest, audits it, and keeps what was typed on error', async () => {
		const form = await admin.get(`/organisations/${id()}/edit`);
		assert.equal(form.status, 200);
		assert.doesNotMatch(form.body, /name="active"|name="groups"|name="parent"/);
		assert.match(form.body, /name="senders_all"/);
		const csrf = csrfFrom(form.body);
		const fields = [['csrf', csrf], ['name', ORGS.plain[0]], ['description', 'd'.repeat(501)], ['accepting', '1'],
			['genders_all', 'all'], ['las_all', 'all'], ['issues', String(issue)], ['senders_all', 'some'], ['senders', String(organisationId(SENDER))],
			['contact_phone', '01632 960 002'], ['min_age', '16']];
		let res = await admin.post(`/organisations/${id()}/edit`, fields);
		assert.equal(res.status, 400);
		assert.match(main(res.body), /Description must be 500 characters or fewer/);
		assert.match(res.body, /name="min_age"[^>]*value="16"/);
		assert.match(res.body, new RegExp(`name="senders"[^>]*value="${organisationId(SENDER)}"[^>]*checked`));
		fields[2][1] = 'A short description';
		res = await admin.post(`/organisations/${id()}/edit`, fields);
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(res.location, `${BASE_PATH}/organisations/${id()}/edit?done=saved`);
		assert.deepEqual(dbRows(`SELECT description, min_age, all_senders, active FROM organisations WHERE id = ${id()}`)[0], ['A short description', '16', '0', '1']);
		assert.equal(one(`SELECT GROUP_CONCAT(sender_org_id) FROM organisation_senders WHERE organisation_id = ${id()}`), String(organisationId(SENDER)));
		const [senders] = audit('admin.organisation.senders', id()).slice(-1);
		assert.match(senders[3], /Riverside Citizens Advice/);
		assert.equal(senders[1], String(id()), 'audited with the organisation');
		assert.match(main((await amira.get(`/organisations/${id()}`)).body), /Only Riverside Citizens Advice \(and their teams\)/);
	});

	it('the administrator sets a parent; a team cannot be a parent, nor an organisation with teams a team', async () => {
		const form = await admin.get(`/admin/organisations/${ids.orgs.roomy}`);
		assert.match(form.body, /name="parent"/);
		const csrf = csrfFrom(form.body);
		const base = [['csrf', csrf], ['name', ORGS.roomy[0]], ['active', '1'], ['accepting', '1'], ['genders_all', 'all'], ['las_all', 'all'], ['issues', String(issue)], ['capacity', '50']];
		let res = await admin.post(`/admin/organisations/${ids.orgs.roomy}`, [...base, ['parent', String(ids.orgs.parent)]]);
		assert.equal(res.status, 303, snippet(res.body));
		assert.equal(one(`SELECT parent_id FROM organisations WHERE id = ${ids.orgs.roomy}`), String(ids.orgs.parent));
		assert.equal(audit('admin.organisation.parent', ids.orgs.roomy).slice(-1)[0][3], ORGS.parent[0]);
		assert.match(main((await amira.get(`/organisations/${ids.orgs.parent}`)).body), /Teams\s+Oprof Roomy Help/);
		// the team as another's parent: refused, kept
		res = await admin.post(`/admin/organisations/${ids.orgs.tight}`, [['csrf', csrf], ['name', ORGS.tight[0]], ['active', '1'], ['accepting', '1'], ['genders_all', 'all'], ['las_all', 'all'], ['issues', String(issue)], ['capacity', '5'], ['parent', String(ids.orgs.roomy)]]);
		assert.equal(res.status, 400);
		assert.match(main(res.body), /Choose a parent organisation that is not a team itself/);
		assert.equal(one(`SELECT parent_id FROM organisations WHERE id = ${ids.orgs.tight}`), 'NULL');
		// the parent (which has a team) as a team: refused
		res = await admin.post(`/admin/organisations/${ids.orgs.parent}`, [['csrf', csrf], ['name', ORGS.parent[0]], ['active', '1'], ['accepting', '1'], ['genders_all', 'all'], ['las_all', 'all'], ['parent', String(ids.orgs.tight)]]);
		assert.equal(res.status, 400);
		// an unknown parent
		res = await admin.post(`/admin/organisations/${ids.orgs.roomy}`, [...base, ['parent', '999999999']]);
		assert.equal(res.status, 400);
		assert.match(main(res.body), /Choose the parent organisation from the list/);
	});
});
