// The limits of a party's reach that the model's access check (model/referral_access.c,
// client_get_visible) applies to every route (issue 11 points 4 and 8):
//  - expired consent: for the sender, the receivers and administrators, every route that shows
//    or changes referral or client data answers 403 (the notes page, adding notes and files,
//    downloads, client notes, client edit) or shows only who the client is (the client's
//    profile, like the referral page), until the sender renews consent, which stays reachable;
//    after the renewal every route answers again;
//  - a receiver whose referral was Removed reads it but adds no notes or files (403, no forms);
//  - a Closed or Withdrawn referral is a finished record: both sides read it, neither adds;
//  - an administrator's note or file on a referral (or client) their organisation is not party
//    to is theirs: author the administrator, no organisation (shown as "Administrator").
// Referrals are made in SQL, mirroring referral_send's rows; consent is aged in SQL.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, sqlString, text, csrfFrom, resetThrottle, ORIGIN, dbValue, switchOrganisation } from './lib.mjs';

const TAG = 'RA' + Date.now().toString(36).slice(-5);
const ORG = { sender: `${TAG} Sending Advice`, r1: `${TAG} Receiving Housing`, r2: `${TAG} Receiving Support`, outsider: `${TAG} Outsider Trust` };
const EMAIL = `access@${TAG.toLowerCase()}.example`;
const NHS = '4857773456';
const org = {};
const staff = {};
const users = {};
let client, issue;

// A group from the sender to r1 and r2 for the client: the ids of the two referrals.
function makeGroup() {
	return db(
		`INSERT INTO consents (client_id, organisation_id, recorded_by) VALUES (${client}, ${org.sender}, ${staff.amira});` +
			`INSERT INTO referral_groups (client_id, issue_id, sending_org_id, created_by, consent_id) VALUES (${client}, ${issue}, ${org.sender}, ${staff.amira}, LAST_INSERT_ID());` +
			`SET @g = LAST_INSERT_ID();` +
			['r1', 'r2']
				.map((r) => `INSERT INTO referrals (group_id, client_id, issue_id, sending_org_id, receiving_org_id, created_by, status, update_due, close_due) VALUES (@g, ${client}, ${issue}, ${org.sender}, ${org[r]}, ${staff.amira}, 'new', CURDATE() + INTERVAL 5 DAY, CURDATE() + INTERVAL 20 DAY);`)
				.join('') +
			`SELECT GROUP_CONCAT(id ORDER BY id) FROM referrals WHERE group_id = @g;`,
	)
		.trim()
		.split(',');
}

function expire(referralId) {
	db(`UPDATE consents k JOIN referral_groups g ON g.consent_id = k.id JOIN referrals r ON r.group_id = g.id SET k.recorded_at = UTC_TIMESTAMP() - INTERVAL 7300 DAY WHERE r.id = ${referralId}`);
}

async function csrfOf(browser) {
	const csrf = csrfFrom((await browser.get('/')).body);
	assert.ok(csrf, 'a form token');
	return csrf;
}

function upload(browser, id, csrf, name, content) {
	const boundary = '----AccessTestBoundary' + Math.random().toString(16).slice(2);
	const body = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n` +
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n` +
			`--${boundary}--\r\n`,
	);
	return browser.request('POST', `/referrals/${id}/files`, { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, Origin: ORIGIN }, body });
}

function count(table, where) {
	return Number(dbValue(`SELECT COUNT(*) FROM ${table} WHERE ${where}`));
}

function cleanUp() {
	const orgIds = `SELECT id FROM organisations WHERE name LIKE '${TAG}%'`;
	const refs = `SELECT id FROM referrals WHERE sending_org_id IN (${orgIds})`;
	db(`DELETE FROM events WHERE subject_type = 'referral' AND subject_id IN (SELECT id FROM (${refs}) x)`);
	db(`DELETE FROM events WHERE subject_type = 'client' AND subject_id = ${client || 0}`);
	db(`DELETE FROM inbox_messages WHERE link IN (SELECT CONCAT('/referrals/', id) FROM (${refs}) x)`);
	db(`DELETE FROM notes WHERE referral_id IN (SELECT id FROM (${refs}) x) OR client_id = ${client || 0}`);
	db(`DELETE FROM files WHERE referral_id IN (SELECT id FROM (${refs}) x)`);
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
		org[key] = dbValue(`SELECT id FROM organisations WHERE name = ${sqlString(name)}`);
	}
	for (const u of ['amira', 'tina', 'tom', 'chloe', 'admin']) {
		users[u] = await signedIn(u);
		staff[u] = dbValue(`SELECT id FROM staff WHERE username = '${u}'`);
	}
	const member = { amira: 'sender', tina: 'r1', tom: 'r2', chloe: 'outsider' };
	for (const [u, k] of Object.entries(member)) {
		db(`INSERT IGNORE INTO staff_orgs (staff_id, organisation_id, source) VALUES (${staff[u]}, ${org[k]}, 'manual')`);
		await switchOrganisation(users[u], org[k]);
	}
	issue = dbValue(`SELECT id FROM issues WHERE active = 1 ORDER BY position, id LIMIT 1`);
	const res = await new Browser().post(
		'/_test/clients',
		[['first_name', 'Access'], ['last_name', 'Test' + TAG.replace(/[0-9]/g, (d) => 'abcdefghij'[d]).toLowerCase()], ['date_of_birth', '1980-02-03'],
			['email', EMAIL], ['nhs_number', NHS], ['created_by', staff.amira], ['org', org.sender], ['org', org.r1], ['org', org.r2]],
		{ origin: null },
	);
	assert.equal(res.status, 200, res.body);
	client = String(JSON.parse(res.body).id);
});

after(() => {
	cleanUp();
	resetThrottle();
});

describe('expired consent, on every route, for every side', () => {
	let ids, fileId;

	before(async () => {
		ids = makeGroup();
		// data to protect: a referral note, a file and a client note, made while consent is current
		const csrf = await csrfOf(users.tina);
		assert.equal((await users.tina.post(`/referrals/${ids[0]}/notes`, { csrf, note: `Before expiry ${TAG}` })).status, 303);
		assert.equal((await upload(users.tina, ids[0], csrf, 'before.txt', `file ${TAG}`)).status, 303);
		fileId = dbValue(`SELECT MAX(id) FROM files WHERE referral_id = ${ids[0]}`);
		assert.equal((await users.amira.post(`/clients/${client}/notes`, { csrf: await csrfOf(users.amira), note: `Client note ${TAG}` })).status, 303);
		expire(ids[0]);
	});

	// [who, referral id index]: the sender, each receiver, an administrator not party
	const sides = [['amira', 0], ['tina', 0], ['tom', 1], ['admin', 0]];

	it('answers 403 for the notes page, a download and the client notes, showing none of it', async () => {
		for (const [who, i] of sides) {
			for (const p of [`/referrals/${ids[i]}/notes`, `/files/${fileId}`, `/clients/${client}/notes`, `/clients/${client}/edit`]) {
				if (p.startsWith('/files/') && i !== 0) continue; // the file is on the first referral
				const res = await users[who].get(p);
				assert.equal(res.status, 403, `${who} ${p}`);
				assert.match(text(res.body), /Consent has expired/, `${who} ${p}: says why`);
				for (const secret of [`file ${TAG}`, `Before expiry ${TAG}`, `Client note ${TAG}`, EMAIL, NHS]) assert.ok(!res.body.includes(secret), `${who} ${p}: not ${secret}`);
			}
		}
	});

	it('refuses adding a note, a file, a client note or a client edit (403) and writes nothing', async () => {
		const before = [count('notes', `referral_id IN (${ids.join(',')}) OR client_id = ${client}`), count('files', `referral_id IN (${ids.join(',')})`)];
		for (const [who, i] of sides) {
			const csrf = await csrfOf(users[who]);
			assert.equal((await users[who].post(`/referrals/${ids[i]}/notes`, { csrf, note: 'After expiry' })).status, 403, `${who}: note`);
			assert.equal((await upload(users[who], ids[i], csrf, 'after.txt', 'after')).status, 403, `${who}: file`);
			assert.equal((await users[who].post(`/clients/${client}/notes`, { csrf, note: 'After expiry' })).status, 403, `${who}: client note`);
			assert.equal((await users[who].post(`/clients/${client}/edit`, { csrf, first_name: 'Changed', last_name: 'Name' })).status, 403, `${who}: client edit`);
		}
		assert.deepEqual([count('notes', `referral_id IN (${ids.join(',')}) OR client_id = ${client}`), count('files', `referral_id IN (${ids.join(',')})`)], before);
		assert.equal(count('clients', `id = ${client} AND first_name = 'Changed'`), 0);
	});

	it("shows the client's profile with who the client is only: no email, no NHS number, no notes", async () => {
		for (const [who] of sides) {
			const res = await users[who].get(`/clients/${client}`);
			assert.equal(res.status, 200, who);
			const t = text(res.body);
			assert.ok(t.includes('Access'), `${who}: the name`);
			for (const secret of [EMAIL, NHS, '485 777 3456', `Client note ${TAG}`]) assert.ok(!res.body.includes(secret) && !t.includes(secret), `${who}: ${secret} hidden`);
			assert.match(t, /Consent has expired/, `${who}: the warning`);
			assert.ok(!res.body.includes('id="edit-details"') && !res.body.includes('id="note-form"'), `${who}: no edit link or note form`);
		}
		assert.equal((await users.chloe.get(`/clients/${client}`)).status, 404, 'an outsider still gets 404');
		assert.equal((await users.chloe.get(`/referrals/${ids[0]}/notes`)).status, 404);
	});

	it('keeps the renewal open to the sender, and every route answers again after it', async () => {
		assert.equal((await users.amira.get(`/referrals/${ids[0]}/consent`)).status, 200);
		const csrf = await csrfOf(users.amira);
		const renewed = await users.amira.post(`/referrals/${ids[0]}/consent`, { csrf, consent: 'yes', consent_given_by: 'client' });
		assert.equal(renewed.status, 303, renewed.body.slice(0, 300));
		for (const [who, i] of sides) {
			const notes = await users[who].get(`/referrals/${ids[i]}/notes`);
			assert.equal(notes.status, 200, who);
			if (i === 0) {
				assert.ok(text(notes.body).includes(`Before expiry ${TAG}`), `${who}: the note again`);
				assert.equal((await users[who].get(`/files/${fileId}`)).status, 200, `${who}: the file again`);
			}
			const profile = await users[who].get(`/clients/${client}`);
			assert.ok(text(profile.body).includes(EMAIL) && text(profile.body).includes(`Client note ${TAG}`), `${who}: the details again`);
			assert.equal((await users[who].get(`/clients/${client}/notes`)).status, 200, `${who}: client notes`);
			assert.equal((await users[who].get(`/clients/${client}/edit`)).status, 200, `${who}: client edit`);
		}
		const csrfTina = await csrfOf(users.tina);
		assert.equal((await users.tina.post(`/referrals/${ids[0]}/notes`, { csrf: csrfTina, note: 'After renewal' })).status, 303);
	});
});

describe('parties and roles', () => {
	it('makes a Removed referral read-only for its receiver: no forms, 403 for notes and files, nothing written', async () => {
		const ids = makeGroup();
		const ack = await users.tom.post(`/referrals/${ids[1]}/acknowledge`, { csrf: await csrfOf(users.tom) });
		assert.equal(ack.status, 303);
		assert.equal(dbValue(`SELECT status FROM referrals WHERE id = ${ids[0]}`), 'removed');
		const csrf = await csrfOf(users.tina);
		const note = await users.tina.post(`/referrals/${ids[0]}/notes`, { csrf, note: 'Too late' });
		assert.equal(note.status, 403);
		assert.match(text(note.body), /read-only/);
		assert.equal((await upload(users.tina, ids[0], csrf, 'late.txt', 'late')).status, 403);
		assert.equal(count('notes', `referral_id = ${ids[0]}`) + count('files', `referral_id = ${ids[0]}`), 0);
		for (const p of [`/referrals/${ids[0]}`, `/referrals/${ids[0]}/notes`]) {
			const page = await users.tina.get(p);
			assert.equal(page.status, 200, `${p}: still readable`);
			assert.ok(!page.body.includes('id="note-form"') && !page.body.includes('id="file-form"'), `${p}: no forms`);
			assert.match(text(page.body), /read-only/, p);
		}
		// the receiver that took it, and the sender, still write
		assert.equal((await users.tom.post(`/referrals/${ids[1]}/notes`, { csrf: await csrfOf(users.tom), note: 'Taken' })).status, 303);
		assert.equal((await users.amira.post(`/referrals/${ids[0]}/notes`, { csrf: await csrfOf(users.amira), note: 'Sender' })).status, 303);
	});

	it('makes a Closed or Withdrawn referral read-only for both sides: no forms, 403 for notes and files, nothing written', async () => {
		for (const [state, said] of [
			['closed', /This referral is closed, so it is read-only/],
			['withdrawn', /This referral was withdrawn, so it is read-only/],
		]) {
			const ids = makeGroup();
			db(`UPDATE referrals SET status = '${state}' WHERE id = ${ids[0]}`);
			for (const who of ['amira', 'tina']) {
				const csrf = await csrfOf(users[who]);
				const note = await users[who].post(`/referrals/${ids[0]}/notes`, { csrf, note: `Too late ${state}` });
				assert.equal(note.status, 403, `${state}, ${who}: note`);
				assert.match(text(note.body), said, `${state}, ${who}: why`);
				assert.equal((await upload(users[who], ids[0], csrf, 'late.txt', 'late')).status, 403, `${state}, ${who}: file`);
				for (const p of [`/referrals/${ids[0]}`, `/referrals/${ids[0]}/notes`]) {
					const page = await users[who].get(p);
					assert.equal(page.status, 200, `${state}, ${who}, ${p}: still readable`);
					assert.ok(!page.body.includes('id="note-form"') && !page.body.includes('id="file-form"'), `${state}, ${who}, ${p}: no forms`);
					assert.match(text(page.body), said, `${state}, ${who}, ${p}: says why`);
				}
			}
			assert.equal(count('notes', `referral_id = ${ids[0]}`) + count('files', `referral_id = ${ids[0]}`), 0, `${state}: nothing written`);
			// the group's other referral, still New, takes notes as before
			assert.equal((await users.amira.post(`/referrals/${ids[1]}/notes`, { csrf: await csrfOf(users.amira), note: 'Still open' })).status, 303);
		}
	});

	it("records an administrator's note and file as the administrator's, not their active organisation's", async () => {
		const ids = makeGroup();
		const csrf = await csrfOf(users.admin);
		assert.equal((await users.admin.post(`/referrals/${ids[0]}/notes`, { csrf, note: `Admin note ${TAG}` })).status, 303);
		assert.equal((await upload(users.admin, ids[0], csrf, 'admin.txt', 'admin')).status, 303);
		const [note] = dbRows(`SELECT staff_id, organisation_id FROM notes WHERE referral_id = ${ids[0]}`);
		assert.equal(note[0], staff.admin);
		assert.equal(dbValue(`SELECT organisation_id IS NULL FROM notes WHERE referral_id = ${ids[0]}`), '1', 'no organisation on the note');
		assert.equal(dbValue(`SELECT organisation_id IS NULL FROM files WHERE referral_id = ${ids[0]}`), '1', 'no organisation on the file');
		assert.equal(dbValue(`SELECT organisation_id IS NULL FROM events WHERE action = 'referral.note_added' AND subject_id = ${ids[0]}`), '1', 'nor on the event');
		const adminName = dbValue(`SELECT display_name FROM staff WHERE id = ${staff.admin}`);
		const page = text((await users.tina.get(`/referrals/${ids[0]}/notes`)).body);
		assert.ok(page.includes(`Admin note ${TAG}`));
		assert.ok(page.includes(adminName), 'the administrator is the author');
		assert.match(page, /Administrator/, 'shown as the administrator');
		// a client note of theirs on a client their organisation does not see: the same
		assert.equal((await users.admin.post(`/clients/${client}/notes`, { csrf, note: `Admin client note ${TAG}` })).status, 303);
		assert.equal(dbValue(`SELECT organisation_id IS NULL FROM notes WHERE client_id = ${client} AND staff_id = ${staff.admin}`), '1');
		// a party's note keeps its organisation
		assert.equal((await users.tina.post(`/referrals/${ids[0]}/notes`, { csrf: await csrfOf(users.tina), note: 'Receiver note' })).status, 303);
		assert.equal(dbValue(`SELECT organisation_id FROM notes WHERE referral_id = ${ids[0]} AND staff_id = ${staff.tina}`), org.r1);
	});
});
