// Consent expiry on the referral page and the Renew consent view (GET/POST /referrals/N/consent).
// A group's consent older than the consent_expiry_days setting has expired: then the sender and
// the receivers see neither the client's contact details (email, phones, address, NHS number,
// GP) nor the questionnaire answers, but a warning saying when consent expired; the sender alone
// gets a Renew consent link. Renewing records a new consents row (recorded by the staff member,
// for the sending organisation), points the group at it, writes 'referral.consent_renewed' on
// every referral of the group and lifts the restriction. Receivers and administrators get 409
// for the renew view, organisations not party to the referral 404. Consent is aged in SQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, sqlString, text, csrfFrom, resetThrottle } from './lib.mjs';

const TAG = 'CR' + Date.now().toString(36).slice(-5);
const ORG = { sender: `${TAG} Sending Advice`, r1: `${TAG} Receiving Housing`, r2: `${TAG} Receiving Support`, outsider: `${TAG} Outsider Trust` };
const SECRET_ANSWER = `Sofa at a friend’s ${TAG}`;
const EMAIL = `consent@${TAG.toLowerCase()}.example`;
const PHONE = '07700900777';
const NHS = '4857773456';
const STREET = `9 Hidden Lane ${TAG}`;
const GP = `Hidden Surgery ${TAG}`;
const org = {};
const staff = {};
const users = {};
let client, issue, group, ids;

function one(sql) {
	return dbRows(sql)[0][0];
}

async function switchTo(browser, orgId) {
	const csrf = csrfFrom((await browser.get('/')).body);
	const res = await browser.post('/organisation', { organisation_id: orgId, csrf, next: '/' });
	assert.equal(res.status, 303);
}

function consentOf() {
	return one(`SELECT consent_id FROM referral_groups WHERE id = ${group}`);
}

function age() {
	db(`UPDATE consents SET recorded_at = UTC_TIMESTAMP() - INTERVAL 7300 DAY WHERE id = ${consentOf()}`);
}

function renewedEvents() {
	return dbRows(`SELECT subject_id, staff_id, organisation_id, old_value, new_value, detail FROM events WHERE action = 'referral.consent_renewed' AND subject_type = 'referral' AND subject_id IN (${ids.join(',')}) ORDER BY subject_id`);
}

const PHONE_SHOWN = '07700 900777'; // the referral page writes it in its UK groups (issue 12)
const HIDDEN = [EMAIL, PHONE, PHONE_SHOWN, NHS, '485 777 3456', STREET, GP, SECRET_ANSWER];

function assertRestricted(html, who) {
	const t = text(html);
	for (const secret of HIDDEN) assert.ok(!html.includes(secret) && !t.includes(secret), `${who}: ${secret} is hidden`);
	assert.match(t, /Consent expired on \d+ [A-Z][a-z]+ \d{4}/, `${who}: the warning`);
	assert.ok(t.includes('sending organisation renews consent'), `${who}: says the sender must renew`);
	assert.ok(t.includes('Consent Test'), `${who}: still sees who the client is`);
}

function assertOpen(html, who) {
	const t = text(html);
	for (const secret of [EMAIL, PHONE_SHOWN, STREET, SECRET_ANSWER]) assert.ok(t.includes(secret), `${who}: ${secret} is shown`);
	assert.ok(!t.includes('Consent expired on'), `${who}: no warning`);
	assert.ok(!html.includes('id="renew-consent"'), `${who}: no renew link`);
}

async function renewForm(browser, id) {
	const page = await browser.get(`/referrals/${id}/consent`);
	return page;
}

async function postRenew(browser, id, fields) {
	const csrf = csrfFrom((await browser.get(`/referrals/${id}`)).body) || csrfFrom((await browser.get('/')).body);
	return browser.post(`/referrals/${id}/consent`, { csrf, ...fields });
}

function cleanUp() {
	const orgIds = `SELECT id FROM organisations WHERE name LIKE '${TAG}%'`;
	const refs = `SELECT id FROM referrals WHERE sending_org_id IN (${orgIds})`;
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (SELECT id FROM (${refs}) x)`);
	db(`DELETE FROM inbox_messages WHERE subject LIKE '%${TAG}%' OR body LIKE '%${TAG}%'`);
	db(`DELETE FROM referrals WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM answers WHERE group_id IN (SELECT id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM consent_expiry_notices WHERE group_id IN (SELECT id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM referral_groups WHERE sending_org_id IN (${orgIds})`);
	db(`DELETE FROM consents WHERE organisation_id IN (${orgIds})`);
	db(`DELETE FROM staff_orgs WHERE organisation_id IN (${orgIds}) AND source = 'manual'`);
	db(`UPDATE organisations SET active = 0, accepting = 0 WHERE name LIKE '${TAG}%'`);
}

before(async () => {
	resetThrottle();
	for (const [key, name] of Object.entries(ORG)) {
		db(`INSERT INTO organisations (name, active, accepting, all_genders, all_local_authorities) VALUES (${sqlString(name)}, 1, 1, 1, 1)`);
		org[key] = one(`SELECT id FROM organisations WHERE name = ${sqlString(name)}`);
	}
	for (const u of ['amira', 'tina', 'tom', 'chloe', 'admin']) {
		users[u] = await signedIn(u);
		staff[u] = one(`SELECT id FROM staff WHERE username = '${u}'`);
	}
	const member = { amira: 'sender', tina: 'r1', tom: 'r2', chloe: 'outsider' };
	for (const [u, k] of Object.entries(member)) {
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff[u]}, ${org[k]}, 'manual')`);
		await switchTo(users[u], org[k]);
	}
	const days = dbRows(`SELECT value FROM settings WHERE name = 'consent_expiry_days'`);
	if (days.length === 1) assert.ok(Number(days[0][0]) > 0 && Number(days[0][0]) < 7300, 'consent expires within 20 years');
	issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', 'Consent'], ['last_name', 'Test' + TAG.replace(/[0-9]/g, (d) => 'abcdefghij'[d]).toLowerCase()], ['date_of_birth', '1979-05-06'],
			['email', EMAIL], ['phone', PHONE], ['nhs_number', NHS], ['gp_practice_name', GP], ['address_line1', STREET], ['postcode', 'LS1 1UR'],
			['created_by', staff.amira], ['org', org.sender], ['org', org.r1], ['org', org.r2]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
	group = db(
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${org.sender}, ${staff.amira});` +
			`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${org.sender}, ${staff.amira}, LAST_INSERT_ID());` +
			`SET @g = LAST_INSERT_ID();` +
			['r1', 'r2']
				.map((r) => `INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org[r]}, ${staff.amira}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);`)
				.join('') +
			`INSERT INTO answers (group_id, position, question_text, kind, answer) VALUES (@g, 0, 'Where are they staying tonight?', 'text', ${sqlString(SECRET_ANSWER)});` +
			`SELECT @g;`,
	).trim();
	ids = dbRows(`SELECT id FROM referrals WHERE group_id = ${group} ORDER BY id`).map((r) => r[0]);
});

after(() => {
	cleanUp();
	resetThrottle();
});

describe('consent in date', () => {
	it('shows the details and the answers to both sides, with no warning and no renew link', async () => {
		assertOpen((await users.amira.get(`/referrals/${ids[0]}`)).body, 'sender');
		assertOpen((await users.tina.get(`/referrals/${ids[0]}`)).body, 'receiver');
	});

	it('has nothing to renew: 409 for the sender', async () => {
		const res = await renewForm(users.amira, ids[0]);
		assert.equal(res.status, 409);
		assert.ok(text(res.body).includes('has not expired'));
	});
});

describe('consent expired', () => {
	before(() => age());

	it('restricts the sender: no contact details, no answers, the warning and the Renew consent link', async () => {
		const res = await users.amira.get(`/referrals/${ids[0]}`);
		assert.equal(res.status, 200);
		assertRestricted(res.body, 'sender');
		assert.match(res.body, new RegExp(`id="renew-consent" href="[^"]*/referrals/${ids[0]}/consent"`));
	});

	it('restricts every receiver the same way, without the link', async () => {
		for (const [u, id] of [['tina', ids[0]], ['tom', ids[1]]]) {
			const res = await users[u].get(`/referrals/${id}`);
			assert.equal(res.status, 200);
			assertRestricted(res.body, u);
			assert.ok(!res.body.includes('id="renew-consent"'), `${u}: no renew link`);
		}
	});

	it('refuses the renew view to receivers and administrators (409) and outsiders (404), for GET and POST, changing nothing', async () => {
		const consent = consentOf();
		const valid = { consent: 'yes', consent_given_by: 'client' };
		for (const [u, id, status] of [['tina', ids[0], 409], ['tom', ids[1], 409], ['tom', ids[0], 404], ['admin', ids[0], 409], ['chloe', ids[0], 404], ['chloe', ids[1], 404]]) {
			assert.equal((await renewForm(users[u], id)).status, status, `${u} GET ${id}`);
			const csrf = csrfFrom((await users[u].get('/')).body);
			const res = await users[u].post(`/referrals/${id}/consent`, { csrf, ...valid });
			assert.equal(res.status, status, `${u} POST`);
			if (status === 409) assert.ok(text(res.body).includes('Only the sending organisation can renew consent'), `${u}: says why`);
		}
		assert.equal((await renewForm(users.amira, 999999999)).status, 404);
		assert.equal(consentOf(), consent);
		assert.equal(renewedEvents().length, 0);
	});

	it('shows the sender the form: the confirmation, who gave consent, the consentor', async () => {
		const res = await renewForm(users.amira, ids[1]);
		assert.equal(res.status, 200);
		assert.match(res.body, /<h1[^>]*>Renew consent<\/h1>/);
		assert.match(res.body, /name="consent" type="checkbox" value="yes"/);
		assert.match(res.body, /name="consent_given_by" type="radio" value="client"/);
		assert.match(res.body, /name="consent_given_by" type="radio" value="someone_else"/);
		assert.match(res.body, /name="consentor_name"/);
		assert.match(res.body, /name="consentor_relationship"/);
		assert.match(res.body, /name="csrf"/);
		assert.ok(text(res.body).includes('Consent expired on'));
	});

	it('refuses a POST without the form token (403) and changes nothing', async () => {
		const consent = consentOf();
		const res = await users.amira.post(`/referrals/${ids[0]}/consent`, { consent: 'yes', consent_given_by: 'client' });
		assert.equal(res.status, 403);
		assert.equal(consentOf(), consent);
	});

	const invalid = [
		[{ consent_given_by: 'client' }, 'consent', 'Confirm that the client has consented'],
		[{ consent: 'yes' }, 'consent_given_by', 'Select who gave consent'],
		[{ consent: 'yes', consent_given_by: 'someone_else', consentor_relationship: 'Mother' }, 'consentor_name', 'Enter the name of the person who gave consent'],
		[{ consent: 'yes', consent_given_by: 'someone_else', consentor_name: 'Kept Name' }, 'consentor_relationship', 'Enter their relationship to the client'],
		[{ consent: 'yes', consent_given_by: 'someone_else', consentor_name: 'x'.repeat(201), consentor_relationship: 'Mother' }, 'consentor_name', 'must be 200 characters or fewer'],
	];
	for (const [fields, field, message] of invalid) {
		it(`refuses ${JSON.stringify(fields).slice(0, 70)} with 400 and "${message}", values kept, nothing written`, async () => {
			const consent = consentOf();
			const res = await postRenew(users.amira, ids[0], fields);
			assert.equal(res.status, 400);
			assert.match(res.body, new RegExp(`href="#${field}"`));
			assert.ok(text(res.body).includes(message), text(res.body).slice(0, 600));
			if (fields.consentor_name === 'Kept Name') assert.match(res.body, /value="Kept Name"/);
			assert.equal(consentOf(), consent);
			assert.equal(renewedEvents().length, 0);
		});
	}

	it('records a new consent, points the group at it, writes an event on every referral and lifts the restriction for both sides', async () => {
		const old = consentOf();
		const res = await postRenew(users.amira, ids[0], { consent: 'yes', consent_given_by: 'someone_else', consentor_name: ' <b>Mary</b> Mum ', consentor_relationship: 'Mother' });
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.match(res.headers.location, new RegExp(`/referrals/${ids[0]}\\?done=consent$`));
		const now = consentOf();
		assert.notEqual(now, old);
		const [row] = dbRows(`SELECT client_id, organisation_id, recorded_by, given_by_client, consentor_name, consentor_relationship, recorded_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR FROM consents WHERE id = ${now}`);
		assert.deepEqual(row, [client, org.sender, staff.amira, '0', '<b>Mary</b> Mum', 'Mother', '1']);
		const events = renewedEvents();
		assert.deepEqual(events.map((e) => e[0]), ids);
		for (const e of events) assert.deepEqual(e.slice(1, 5), [staff.amira, org.sender, old, now]);
		const sender = await users.amira.get(`/referrals/${ids[0]}?done=consent`);
		assertOpen(sender.body, 'sender');
		assert.ok(text(sender.body).includes('Consent renewed'));
		assert.ok(sender.body.includes('&lt;b&gt;Mary&lt;/b&gt; Mum'), 'the consentor in the timeline, escaped');
		assert.ok(!sender.body.includes('<b>Mary</b>'));
		assertOpen((await users.tina.get(`/referrals/${ids[0]}`)).body, 'receiver');
		assertOpen((await users.tom.get(`/referrals/${ids[1]}`)).body, 'other receiver');
	});

	it('has nothing more to renew afterwards (409)', async () => {
		const res = await postRenew(users.amira, ids[0], { consent: 'yes', consent_given_by: 'client' });
		assert.equal(res.status, 409);
		assert.equal(renewedEvents().length, 2);
	});
});
