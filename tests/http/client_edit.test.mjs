// Editing a client's details from their profile (GET/POST /clients/N/edit): the fields and
// rules of the journey's client and address steps, errors re-rendered with the values kept
// (400, nothing written), only for organisations that can see the client (404 otherwise, as
// if it did not exist; administrators too), one event 'client.change' per changed field with
// old and new values, the "Changes" history on the profile, and the current details on the
// referral page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, sqlString, text, csrfFrom, decodeEntities, resetThrottle } from './lib.mjs';

const TAG = 'CE' + Date.now().toString(36).slice(-5);
const ORG = { sender: `${TAG} Sending Advice`, receiver: `${TAG} Receiving Housing`, outsider: `${TAG} Outsider Trust` };
const org = {};
const staff = {};
const users = {};
let client, referral, gender, la, laName, laOther, laOtherName;

function one(sql) {
	return dbRows(sql)[0][0];
}

async function switchTo(browser, orgId) {
	const csrf = csrfFrom((await browser.get('/')).body);
	const res = await browser.post('/organisation', { organisation_id: orgId, csrf, next: '/' });
	assert.equal(res.status, 303);
}

function clientRow() {
	const [row] = dbRows(
		`SELECT first_name, last_name, first_name_key, last_name_key, first_name_sound, date_of_birth, email, phone, alt_phone, contact_email, contact_sms, nhs_number, address_line1, town, postcode, local_authority_id, no_fixed_abode FROM clients WHERE id = ${client}`,
	);
	return row;
}

function changeEvents() {
	return dbRows(`SELECT detail, IFNULL(old_value, ''), IFNULL(new_value, ''), staff_id, organisation_id FROM events WHERE subject_type = 'client' AND subject_id = ${client} AND action = 'client.change' ORDER BY id`);
}

// The form's fields as stored now, changed by over.
function fields(over = {}) {
	return {
		title: '',
		first_name: 'Edith',
		last_name: 'Editable' + TAG.toLowerCase().replace(/[0-9]/g, ''),
		dob_day: '2',
		dob_month: '4',
		dob_year: '1988',
		pronoun: '',
		gender: gender,
		gender_description: '',
		email: `edith@${TAG.toLowerCase()}.example`,
		phone: '07700900123',
		alt_phone: '',
		nhs_number: '',
		gp_practice_name: '',
		gp_ods_code: '',
		address_line1: '1 Old Street',
		address_line2: '',
		town: 'Leeds',
		postcode: 'LS1 1UR',
		local_authority: la,
		...over,
	};
}

async function postEdit(browser, id, over = {}, extra = []) {
	const page = await browser.get(`/clients/${id}/edit`);
	const csrf = csrfFrom(page.body) || csrfFrom((await browser.get('/')).body);
	const pairs = Object.entries({ csrf, ...fields(over) });
	return browser.post(`/clients/${id}/edit`, pairs.concat(extra));
}

function cleanUp() {
	const orgIds = `SELECT id FROM organisations WHERE name LIKE '${TAG}%'`;
	db(`DELETE FROM events WHERE subject_type = 'client' AND subject_id IN (SELECT client_id FROM referral_groups WHERE sending_org_id IN (${orgIds}))`);
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (SELECT id FROM (SELECT id FROM referrals WHERE sending_org_id IN (${orgIds})) x)`);
	db(`DELETE FROM referrals WHERE sending_org_id IN (${orgIds})`);
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
	for (const u of ['amira', 'tina', 'chloe', 'admin']) {
		users[u] = await signedIn(u);
		staff[u] = one(`SELECT id FROM staff WHERE username = '${u}'`);
	}
	const member = { amira: 'sender', tina: 'receiver', chloe: 'outsider' };
	for (const [u, k] of Object.entries(member)) {
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff[u]}, ${org[k]}, 'manual')`);
		await switchTo(users[u], org[k]);
	}
	gender = one(`SELECT id FROM reference_values WHERE list = 'gender' AND retired = 0 AND name NOT LIKE '%self-describe%' AND name <> 'Prefer not to say' ORDER BY position, id LIMIT 1`);
	[[la, laName], [laOther, laOtherName]] = dbRows(`SELECT id, name FROM local_authorities WHERE active = 1 ORDER BY name LIMIT 2`);
	const f = fields();
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', f.first_name], ['last_name', f.last_name], ['date_of_birth', '1988-04-02'], ['email', f.email], ['phone', f.phone],
			['gender_id', gender], ['address_line1', f.address_line1], ['town', 'Leeds'], ['postcode', 'LS1 1UR'], ['local_authority_id', la],
			['created_by', staff.amira], ['org', org.sender], ['org', org.receiver]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
	const issue = one(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	const group = db(
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${org.sender}, ${staff.amira});` +
			`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${org.sender}, ${staff.amira}, LAST_INSERT_ID());` +
			`SET @g = LAST_INSERT_ID();` +
			`INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org.receiver}, ${staff.amira}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);` +
			`SELECT @g;`,
	).trim();
	referral = one(`SELECT id FROM referrals WHERE group_id = ${group}`);
});

after(() => {
	cleanUp();
	resetThrottle();
});

describe('the edit form', () => {
	it('shows the stored details for the sender, the receiver and an administrator, linked from the profile', async () => {
		const profile = await users.amira.get(`/clients/${client}`);
		assert.equal(profile.status, 200);
		assert.match(profile.body, new RegExp(`href="[^"]*/clients/${client}/edit"`));
		for (const u of ['amira', 'tina', 'admin']) {
			const res = await users[u].get(`/clients/${client}/edit`);
			assert.equal(res.status, 200, `${u}: ${res.body.slice(0, 200)}`);
			assert.match(res.body, /name="first_name"[^>]*value="Edith"|value="Edith"[^>]*name="first_name"/);
			assert.match(res.body, /value="07700900123"/);
			assert.match(res.body, /value="1 Old Street"/);
			assert.match(res.body, new RegExp(`<option value="${la}" selected>`));
			assert.match(res.body, new RegExp(`<option value="${gender}" selected>`));
			assert.match(res.body, /name="csrf"/);
		}
	});

	it('is a 404 for an organisation that cannot see the client, for GET and POST, and nothing changes', async () => {
		const before = clientRow();
		assert.equal((await users.chloe.get(`/clients/${client}/edit`)).status, 404);
		const csrf = csrfFrom((await users.chloe.get('/')).body);
		const res = await users.chloe.post(`/clients/${client}/edit`, { csrf, ...fields({ first_name: 'Hacked' }) });
		assert.equal(res.status, 404);
		assert.deepEqual(clientRow(), before);
		assert.equal((await users.amira.get(`/clients/999999999/edit`)).status, 404);
	});

	it('refuses a POST without the form token, and signed-out visitors go to sign-in', async () => {
		const before = clientRow();
		const res = await users.amira.post(`/clients/${client}/edit`, fields({ first_name: 'Nocsrf' }));
		assert.equal(res.status, 403);
		assert.deepEqual(clientRow(), before);
		const anon = await new Browser().get(`/clients/${client}/edit`);
		assert.equal(anon.status, 303);
		assert.match(anon.headers.location, /signin/);
	});

	const invalid = [
		['first_name', { first_name: '' }, "Enter the client's first name"],
		['dob', { dob_day: '31', dob_month: '2' }, null],
		['gender', { gender: '' }, "Select the client's gender"],
		['email', { email: 'not an email' }, null],
		['email', { email: '', contact: 'email' }, 'Enter an email address to contact the client by email'],
		['phone', { phone: '12' }, null],
		['contact', { phone: '01134960000', contact: 'sms' }, 'Enter a mobile number'],
		['nhs_number', { nhs_number: '1234567890' }, null],
		['gp_ods_code', { gp_ods_code: '!!' }, null],
		['address_line1', { address_line1: '' }, 'Enter address line 1'],
		['postcode', { postcode: 'NOTAPOSTCODE' }, null],
		['no_fixed_abode', { no_fixed_abode: '1' }, 'Select No fixed abode only for a client without an address'],
		['local_authority', { local_authority: '999999999' }, 'Select the local authority the client lives in from the list'],
		['town', { town: 'x'.repeat(101) }, 'Town or city must be 100 characters or fewer'],
		// one client form for the journey and Edit details: the journey's words, here too
		['alt_phone', { alt_phone: 'call me' }, 'Enter an alternative phone number, like'],
		['local_authority', { postcode: 'ZZ9 9ZZ', local_authority: '' }, 'Select the local authority the client lives in: postcode ZZ9 9ZZ is not in the postcode list'],
	];
	for (const [field, over, message] of invalid) {
		it(`refuses a bad ${field} with 400, the message, the values kept and nothing written (${JSON.stringify(over).slice(0, 60)})`, async () => {
			const before = clientRow();
			const events = changeEvents().length;
			const res = await postEdit(users.amira, client, { ...over, last_name: 'Keptvalue' });
			assert.equal(res.status, 400, res.body.slice(0, 300));
			assert.match(res.body, /There is a problem/);
			assert.match(res.body, new RegExp(`href="#${field}"`));
			if (message) assert.ok(text(res.body).includes(message), `message "${message}" in ${text(res.body).slice(0, 800)}`);
			assert.match(res.body, /value="Keptvalue"/);
			assert.deepEqual(clientRow(), before);
			assert.equal(changeEvents().length, events);
		});
	}

	it('escapes what was typed when the form comes back', async () => {
		const res = await postEdit(users.amira, client, { town: '<script>alert(1)</script>', first_name: '' });
		assert.equal(res.status, 400);
		assert.ok(!res.body.includes('<script>alert(1)</script>'));
		assert.match(res.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
	});
});

describe('saving', () => {
	it('updates the client, recomputes the name keys and records one event per changed field', async () => {
		const events = changeEvents().length;
		const res = await postEdit(users.tina, client, {
			first_name: 'Edwina',
			email: `edwina@${TAG.toLowerCase()}.example`,
			phone: '07700 900 456',
			alt_phone: '0113 496 0000',
			address_line1: '2 New <Road> & Co',
			postcode: 'ls2 7ab',
			local_authority: laOther,
		}, [['contact', 'email'], ['contact', 'sms']]);
		assert.equal(res.status, 303, res.body.slice(0, 300));
		assert.match(res.headers.location, new RegExp(`/clients/${client}\\?saved=`));
		const row = clientRow();
		assert.equal(row[0], 'Edwina');
		assert.equal(row[2], 'edwina');
		assert.notEqual(row[4], '');
		assert.equal(row[6], `edwina@${TAG.toLowerCase()}.example`);
		assert.equal(row[7], '07700900456');
		assert.equal(row[8], '01134960000');
		assert.equal(row[9], '1');
		assert.equal(row[10], '1');
		assert.equal(row[12], '2 New <Road> & Co');
		assert.equal(row[14], 'LS2 7AB');
		assert.equal(row[15], laOther);
		const added = changeEvents().slice(events);
		const byLabel = Object.fromEntries(added.map((e) => [e[0], e]));
		assert.deepEqual(Object.keys(byLabel).sort(), ['Address line 1', 'Alternative phone', 'Can be contacted by', 'Email', 'First name', 'Local authority', 'Phone', 'Postcode'].sort());
		assert.deepEqual(byLabel['First name'].slice(1, 3), ['Edith', 'Edwina']);
		assert.deepEqual(byLabel['Phone'].slice(1, 3), ['07700900123', '07700900456']);
		assert.deepEqual(byLabel['Alternative phone'].slice(1, 3), ['', '01134960000']);
		assert.deepEqual(byLabel['Can be contacted by'].slice(1, 3), ['', 'Email, SMS']);
		assert.deepEqual(byLabel['Local authority'].slice(1, 3), [laName, laOtherName]);
		assert.deepEqual(byLabel['Postcode'].slice(1, 3), ['LS1 1UR', 'LS2 7AB']);
		for (const e of added) {
			assert.equal(e[3], staff.tina);
			assert.equal(e[4], org.receiver);
		}
	});

	it('shows the changes on the profile: who, field, old and new, escaped', async () => {
		const res = await users.amira.get(`/clients/${client}?saved=8`);
		assert.equal(res.status, 200);
		assert.match(res.body, /Client details saved/);
		const changes = res.body.slice(res.body.indexOf('id="changes"'));
		const t = text(changes);
		assert.ok(t.includes('First name'), t.slice(0, 500));
		assert.ok(t.includes('Edith') && t.includes('Edwina'));
		assert.ok(t.includes(ORG.receiver));
		assert.ok(changes.includes('2 New &lt;Road&gt; &amp; Co'));
		assert.ok(!res.body.includes('<Road>'));
	});

	it('saving without a change records nothing', async () => {
		const events = changeEvents().length;
		const res = await postEdit(users.amira, client, {
			first_name: 'Edwina', email: `edwina@${TAG.toLowerCase()}.example`, phone: '07700900456', alt_phone: '01134960000',
			address_line1: '2 New <Road> & Co', postcode: 'LS2 7AB', local_authority: laOther,
		}, [['contact', 'email'], ['contact', 'sms']]);
		assert.equal(res.status, 303);
		assert.equal(changeEvents().length, events);
	});

	it('the referral page shows the current details to the sender and the receiver', async () => {
		for (const u of ['amira', 'tina']) {
			const res = await users[u].get(`/referrals/${referral}`);
			assert.equal(res.status, 200);
			const t = text(res.body);
			assert.ok(t.includes('Edwina'), `${u} sees the new first name`);
			assert.ok(!t.includes('Edith '), `${u} no longer sees the old name`);
			assert.ok(t.includes(`edwina@${TAG.toLowerCase()}.example`), `${u} sees the new email`);
		}
	});
});

// Issue 12 point 4: choosing an existing client in the journey shows their key details, asks
// whether they are still correct, and a change made from there is recorded as a client edit
// before the referral goes on.
describe('checking an existing client’s details in the referral journey', () => {
	async function chooseInJourney(browser) {
		const csrf = csrfFrom((await browser.get('/referrals/new')).body);
		const start = await browser.post('/referrals/new', { csrf });
		assert.equal(start.status, 303);
		const draft = start.headers.location.match(/\/drafts\/(\d+)\/find$/)[1];
		const [first, last, , , , dob] = clientRow(); // as the tests above left them
		const [y, m, d] = dob.split('-').map(Number);
		const found = await browser.post(`/drafts/${draft}/find`, { csrf, first_name: first, last_name: last, dob_day: String(d), dob_month: String(m), dob_year: String(y) });
		assert.equal(found.status, 303);
		const chosen = await browser.post(`/drafts/${draft}/choose`, { csrf, client_id: client });
		assert.equal(chosen.status, 303);
		assert.match(chosen.headers.location, new RegExp(`/drafts/${draft}/consent$`));
		return { draft, csrf };
	}

	after(() => db(`DELETE FROM drafts WHERE staff_id IN (${staff.amira}, ${staff.chloe})`));

	it('shows the address, phone, email and GP and asks whether they are still correct', async () => {
		const { draft } = await chooseInJourney(users.amira);
		const res = await users.amira.get(`/drafts/${draft}/consent`);
		assert.equal(res.status, 200);
		const t = text(res.body);
		assert.match(t, /Are these details still correct\?/);
		const row = clientRow();
		assert.ok(t.includes(row[12]), 'the address');
		const phone = row[7];
		assert.ok(t.includes(`Phone ${phone.slice(0, 5)} ${phone.slice(5)}`), `the phone in its groups: ${phone}`);
		assert.ok(t.includes(row[6]), 'the email');
		assert.match(t, /GP practice Not given/);
		assert.match(res.body, new RegExp(`href="[^"]*/clients/${client}/edit\\?draft=${draft}"`));
	});

	it('records a change made there as a client edit (who, when, old and new) and goes back to the referral', async () => {
		const { draft } = await chooseInJourney(users.amira);
		const form = await users.amira.get(`/clients/${client}/edit?draft=${draft}`);
		assert.equal(form.status, 200);
		assert.match(form.body, new RegExp(`name="draft" value="${draft}"`));
		assert.match(form.body, new RegExp(`href="[^"]*/drafts/${draft}/consent"`), 'back and cancel go to the referral');
		const before = changeEvents().length;
		const current = clientRow();
		// the form as it stands (every value stored now), with one change: the first address line
		const pairs = [...form.body.matchAll(/<input[^>]*>/g)]
			.map((m) => m[0])
			.filter((tag) => /name="/.test(tag) && (!/type="(checkbox|radio)"/.test(tag) || / checked/.test(tag)))
			.map((tag) => [decodeEntities(tag.match(/name="([^"]*)"/)[1]), decodeEntities((tag.match(/value="([^"]*)"/) || [, ''])[1])]);
		for (const m of form.body.matchAll(/<select[^>]*name="([^"]*)"[\s\S]*?<\/select>/g)) {
			const selected = m[0].match(/<option value="([^"]*)" selected>/);
			pairs.push([m[1], selected ? selected[1] : '']);
		}
		const line1 = current[12] === '9 New Road' ? '10 New Road' : '9 New Road';
		const sent = pairs.map(([n, v]) => [n, n === 'address_line1' ? line1 : v]);
		const res = await users.amira.post(`/clients/${client}/edit`, sent);
		assert.equal(res.status, 303);
		assert.match(res.headers.location, new RegExp(`/drafts/${draft}/consent\\?updated=1$`));
		const events = changeEvents().slice(before);
		assert.equal(events.length, 1);
		assert.equal(events[0][0], 'Address line 1');
		assert.equal(events[0][1], current[12]);
		assert.equal(events[0][3], staff.amira, 'who');
		const back = text((await users.amira.get(res.headers.location.replace(/^.*?(?=\/drafts\/)/, ''))).body);
		assert.match(back, /The client’s details are updated/);
		assert.ok(back.includes(events[0][2]), 'the new address shown');
		// the draft still goes on: its client is unchanged
		assert.equal(db(`SELECT client_id FROM drafts WHERE id = ${draft}`).trim(), client);
	});

	it('ignores a draft that is not the user’s own for this client: the edit goes back to the profile', async () => {
		const { draft } = await chooseInJourney(users.amira);
		const res = await postEdit(users.tina, client, {}, [['draft', draft]]);
		assert.equal(res.status, 303);
		assert.match(res.headers.location, new RegExp(`/clients/${client}\\?saved=`));
	});

	it('shows nothing more than the find step to an organisation that cannot see the client yet', async () => {
		const { draft } = await chooseInJourney(users.chloe);
		const res = await users.chloe.get(`/drafts/${draft}/consent`);
		assert.equal(res.status, 200);
		const t = text(res.body);
		assert.match(t, /Your organisation cannot see this client’s contact details yet/);
		assert.doesNotMatch(t, /Are these details still correct/);
		assert.ok(!t.includes('07700') && !t.includes(clientRow()[6]), 'no phone or email');
	});
});
