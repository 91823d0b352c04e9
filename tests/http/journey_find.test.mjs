// The journey's start and its find step: a draft is made and resumable; the search finds exact
// matches among all clients but close ones only among those the organisation can see; choosing
// is checked on the server (a guessed id gets nothing); a new client goes on to the details.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, organisationId, text, csrfFrom, BASE_PATH } from './lib.mjs';

let riverside, foodbank, amiraId;

async function createClient(fields, orgs) {
	const pairs = Object.entries({ created_by: amiraId, ...fields });
	for (const org of orgs) pairs.push(['org', org]);
	const res = await new Browser().post('/_test/clients', pairs, { origin: null });
	assert.equal(res.status, 200, res.body);
	return String(JSON.parse(res.body).id);
}

async function startDraft(browser) {
	const csrf = csrfFrom((await browser.get('/referrals/new')).body);
	const res = await browser.post('/referrals/new', { csrf });
	assert.equal(res.status, 303);
	const match = new RegExp(`^${BASE_PATH}/drafts/(\\d+)/find$`).exec(res.headers.location);
	assert.ok(match, res.headers.location);
	return { id: match[1], csrf };
}

function find(browser, draft, first, last, day, month, year) {
	return browser.post(`/drafts/${draft.id}/find`, { csrf: draft.csrf, first_name: first, last_name: last, dob_day: day, dob_month: month, dob_year: year });
}

describe('finding the client', () => {
	let zara, catherine;
	before(async () => {
		riverside = organisationId('Riverside Citizens Advice');
		foodbank = organisationId('Southgate Food Bank');
		await signedIn('amira');
		amiraId = dbRows(`SELECT id FROM staff WHERE username = 'amira'`)[0][0];
		zara = await createClient({ first_name: 'Zara', last_name: 'Quinn', date_of_birth: '1980-05-06', postcode: 'LS1 1UR', town: 'Leeds', phone: '07700900123', nhs_number: '9434765919' }, [foodbank]);
		catherine = await createClient({ first_name: 'Catherine', last_name: 'Howard', date_of_birth: '1975-03-04' }, [riverside]);
	});
	after(() => db(`DELETE FROM drafts WHERE staff_id = ${amiraId}`));

	it('starts a draft from New referral, and refuses incomplete searches keeping what was typed', async () => {
		const amira = await signedIn('amira');
		const draft = await startDraft(amira);
		const res = await find(amira, draft, '', 'Quinn', '31', '2', '1980');
		assert.equal(res.status, 400);
		const page = text(res.body);
		assert.match(page, /Enter the client’s first name/);
		assert.match(page, /must be a real date/i);
		assert.match(res.body, /value="Quinn"/);
		assert.match(res.body, /value="31"/);
		// kept in the draft too: a reload shows it
		assert.match((await amira.get(`/drafts/${draft.id}/find`)).body, /value="Quinn"/);
	});

	it('finds an exact match among every client, showing only enough to confirm identity', async () => {
		const amira = await signedIn('amira');
		const draft = await startDraft(amira);
		const res = await find(amira, draft, ' ZARA ', 'quinn', '6', '5', '1980');
		assert.equal(res.status, 303);
		assert.equal(res.headers.location, `${BASE_PATH}/drafts/${draft.id}/find?searched=1`);
		const results = await amira.get(`/drafts/${draft.id}/find?searched=1`);
		const page = text(results.body);
		assert.match(page, /Zara Quinn/);
		assert.match(page, /6 May 1980/);
		assert.match(page, /LS1/);
		assert.doesNotMatch(page, /1UR|07700|9434765919|943 476 5919/, 'no more than confirms identity');
		const choose = await amira.post(`/drafts/${draft.id}/choose`, { csrf: draft.csrf, client_id: zara });
		assert.equal(choose.status, 303);
		assert.equal(choose.headers.location, `${BASE_PATH}/drafts/${draft.id}/consent`);
		assert.deepEqual(dbRows(`SELECT client_id FROM drafts WHERE id = ${draft.id}`), [[zara]]);
	});

	it('offers close matches only from clients the organisation can see', async () => {
		const amira = await signedIn('amira');
		const draft = await startDraft(amira);
		await find(amira, draft, 'Katherine', 'Howard', '4', '3', '1975');
		const close = text((await amira.get(`/drafts/${draft.id}/find?searched=1`)).body);
		assert.match(close, /Catherine Howard/);
		assert.match(close, /Similar clients your organisation already knows/);
		// Zara is not visible to Riverside: a near spelling finds nothing
		await find(amira, draft, 'Zarah', 'Quinn', '6', '5', '1980');
		const none = text((await amira.get(`/drafts/${draft.id}/find?searched=1`)).body);
		assert.doesNotMatch(none, /Quinn,|Zara Quinn/);
		assert.match(none, /No client matches these details/);
	});

	it('refuses a client id that was not offered for what was typed', async () => {
		const amira = await signedIn('amira');
		const draft = await startDraft(amira);
		await find(amira, draft, 'Someone', 'Else', '1', '1', '1990');
		for (const id of [zara, catherine, '999999', 'abc']) {
			const res = await amira.post(`/drafts/${draft.id}/choose`, { csrf: draft.csrf, client_id: id });
			assert.equal(res.status, 404, `client ${id}`);
		}
		assert.deepEqual(dbRows(`SELECT client_id IS NULL FROM drafts WHERE id = ${draft.id}`), [['1']]);
	});

	it('continues as a new client', async () => {
		const amira = await signedIn('amira');
		const draft = await startDraft(amira);
		await find(amira, draft, 'Brand', 'New', '2', '2', '2002');
		const res = await amira.post(`/drafts/${draft.id}/choose`, { csrf: draft.csrf, client_id: 'new' });
		assert.equal(res.headers.location, `${BASE_PATH}/drafts/${draft.id}/client`);
		// the names typed carry into the client details
		const details = await amira.get(`/drafts/${draft.id}/client`);
		assert.match(details.body, /value="Brand"/);
		assert.match(details.body, /value="2002"/);
	});

	it('starts from a client’s profile only for a client the organisation can see', async () => {
		const amira = await signedIn('amira');
		const csrf = csrfFrom((await amira.get(`/referrals/new?client=${catherine}`)).body);
		const ok = await amira.post('/referrals/new', { csrf, client_id: catherine });
		assert.equal(ok.status, 303);
		assert.match(ok.headers.location, /\/drafts\/\d+\/consent$/);
		const refused = await amira.post('/referrals/new', { csrf, client_id: zara });
		assert.equal(refused.status, 404);
	});

	it('deletes unsent drafts untouched for longer than the expiry setting', async () => {
		const amira = await signedIn('amira');
		const old = await startDraft(amira);
		const recent = await startDraft(amira);
		db(`UPDATE drafts SET updated_at = updated_at - INTERVAL 31 DAY WHERE id = ${old.id}`);
		db(`UPDATE drafts SET updated_at = updated_at - INTERVAL 29 DAY WHERE id = ${recent.id}`);
		await startDraft(amira); // starting another one clears out the expired
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM drafts WHERE id = ${old.id}`), [['0']]);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM drafts WHERE id = ${recent.id}`), [['1']]);
		assert.equal((await amira.get(`/drafts/${old.id}/find`)).status, 404);
	});

	it('keeps drafts to their owner and organisation; lists, resumes and discards them', async () => {
		const amira = await signedIn('amira');
		const draft = await startDraft(amira);
		await find(amira, draft, 'Resume', 'Me', '3', '3', '1993');
		const list = await amira.get('/drafts'); // referrals in progress (issue 12: New referral opens the search)
		assert.match(text(list.body), /Resume Me/);
		assert.match(list.body, new RegExp(`href="${BASE_PATH}/drafts/${draft.id}/find"`));
		const chloe = await signedIn('chloe');
		assert.equal((await chloe.get(`/drafts/${draft.id}/find`)).status, 404);
		const chloeCsrf = csrfFrom((await chloe.get('/referrals/new')).body);
		assert.equal((await chloe.post(`/drafts/${draft.id}/discard`, { csrf: chloeCsrf })).status, 404);
		const discard = await amira.post(`/drafts/${draft.id}/discard`, { csrf: draft.csrf });
		assert.equal(discard.status, 303);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM drafts WHERE id = ${draft.id}`), [['0']]);
		assert.equal((await amira.get(`/drafts/${draft.id}/find`)).status, 404);
	});

	// issue 12 point 8: when each was last changed, as people say it, in the local clock
	it('lists drafts with friendly local times: today, yesterday, or the date', async () => {
		const amira = await signedIn('amira');
		const drafts = [];
		for (const name of ['Today', 'Yesterday', 'Earlier']) {
			const d = await startDraft(amira);
			await find(amira, d, name, 'Friendly', '3', '3', '1993');
			drafts.push(d.id);
		}
		db(`UPDATE drafts SET updated_at = '${'2026-01-01 00:00:00'}' WHERE id = ${drafts[2]}`);
		db(`UPDATE drafts SET updated_at = UTC_TIMESTAMP() - INTERVAL 1 DAY WHERE id = ${drafts[1]}`);
		const page = text((await amira.get('/drafts')).body);
		assert.match(page, /Today Friendly today at \d\d:\d\d/);
		assert.match(page, /Yesterday Friendly yesterday at \d\d:\d\d/);
		assert.match(page, /Earlier Friendly 1 January 2026 at 00:00/);
		assert.doesNotMatch(page, /UTC/);
	});
});

// Issue 12 point 8: New referral is the find step itself; searching keeps nothing, and a draft
// is made only when a client, or a new one, is chosen.
describe('New referral opens the search; a draft only once a client is chosen', () => {
	const drafts = () => Number(dbRows(`SELECT COUNT(*) FROM drafts WHERE staff_id = ${amiraId} AND sent_at IS NULL`)[0][0]);
	let offered, other;
	before(async () => {
		await signedIn('amira');
		riverside = organisationId('Riverside Citizens Advice');
		amiraId = dbRows(`SELECT id FROM staff WHERE username = 'amira'`)[0][0];
		offered = await createClient({ first_name: 'Olive', last_name: 'Offered', date_of_birth: '1975-03-04' }, [riverside]);
		other = await createClient({ first_name: 'Otto', last_name: 'Otherone', date_of_birth: '1960-01-01' }, [riverside]);
	});
	after(() => db(`DELETE FROM drafts WHERE staff_id = ${amiraId}`));

	it('shows the search with the introduction, and keeps no draft for a search', async () => {
		const amira = await signedIn('amira');
		db(`DELETE FROM drafts WHERE staff_id = ${amiraId}`);
		const page = await amira.get('/referrals/new');
		assert.equal(page.status, 200);
		assert.match(page.body, /<h1 class="govuk-heading-l">Find the client<\/h1>/);
		assert.match(text(page.body), /You will find or add the client, record their consent/);
		assert.match(page.body, /<form method="get" action="[^"]*\/referrals\/new"/);
		const found = await amira.get('/referrals/new?first_name=Olive&last_name=Offered&dob_day=4&dob_month=3&dob_year=1975');
		assert.equal(found.status, 200);
		assert.match(text(found.body), /Matching clients/);
		assert.match(found.body, /value="Olive"/, 'what was typed stays');
		assert.match(found.body, new RegExp(`<form method="post" action="[^"]*/referrals/new">[\\s\\S]*?name="first_name" value="Olive"[\\s\\S]*?name="client_id" value="${offered}"`), 'choosing carries what was typed');
		const missing = await amira.get('/referrals/new?first_name=&last_name=Quinn&dob_day=6&dob_month=5&dob_year=1980');
		assert.equal(missing.status, 400);
		assert.match(text(missing.body), /Enter the client’s first name/);
		assert.equal(drafts(), 0, 'searching keeps nothing');
	});

	it('makes the draft, with what was typed, when a new client is chosen', async () => {
		const amira = await signedIn('amira');
		const csrf = csrfFrom((await amira.get('/referrals/new')).body);
		const res = await amira.post('/referrals/new', { csrf, client_id: 'new', first_name: 'Newly', last_name: 'Chosen', dob_day: '4', dob_month: '4', dob_year: '1990' });
		assert.equal(res.status, 303);
		const id = res.headers.location.match(/\/drafts\/(\d+)\/client$/)?.[1];
		assert.ok(id, res.headers.location);
		assert.match((await amira.get(`/drafts/${id}/client`)).body, /value="Chosen"/, 'the search carried over');
		assert.match(text((await amira.get('/drafts')).body), /Newly Chosen/);
	});

	it('makes the draft for a client offered by the search, and refuses one that was not', async () => {
		const amira = await signedIn('amira');
		const csrf = csrfFrom((await amira.get('/referrals/new')).body);
		const before = drafts();
		const typed = { first_name: 'Olive', last_name: 'Offered', dob_day: '4', dob_month: '3', dob_year: '1975' };
		const res = await amira.post('/referrals/new', { csrf, client_id: offered, ...typed });
		assert.equal(res.status, 303);
		assert.match(res.headers.location, /\/drafts\/\d+\/consent$/);
		const wrong = await amira.post('/referrals/new', { csrf, client_id: other, ...typed });
		assert.equal(wrong.status, 404);
		assert.equal(drafts(), before + 1, 'only the offered choice made a draft');
	});
});
