// A form sent after the session timed out is not lost: it is kept (only when its token is
// the expired session's), the sign-in page says so, and once the same person signs in
// again it is sent for them. Anyone else signing in on that browser gets nothing of it.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, signedIn, db, dbRows, text, csrfFrom, BASE_PATH, PASSWORD } from './lib.mjs';

function ageSessions(username, interval) {
	db(`UPDATE sessions s JOIN staff st ON st.id = s.staff_id SET s.last_seen_at = s.last_seen_at - INTERVAL ${interval} WHERE st.username = '${username}'`);
}

function reasonExists(name) {
	return dbRows(`SELECT COUNT(*) FROM closure_reasons WHERE name = '${name}'`)[0][0] === '1';
}

describe('a form sent after the session timed out', () => {
	after(() => db(`DELETE FROM closure_reasons WHERE name LIKE 'Resume test%'`));

	it('is kept, and sent once the same person signs in again', async () => {
		const admin = await signedIn('admin');
		const csrf = csrfFrom((await admin.get('/admin/closure-reasons')).body);
		ageSessions('admin', '2 HOUR');
		const sent = await admin.post('/admin/closure-reasons', { csrf, name: 'Resume test: kept' });
		assert.equal(sent.status, 303);
		assert.equal(sent.headers.location, `${BASE_PATH}/signin`);
		assert.equal(reasonExists('Resume test: kept'), false, 'not sent yet');
		const form = await admin.get('/signin');
		assert.match(text(form.body), /what you just sent will be saved/);
		const signin = await admin.post('/signin', { username: 'admin', password: PASSWORD, csrf: csrfFrom(form.body) });
		assert.equal(signin.status, 303);
		assert.equal(signin.headers.location, `${BASE_PATH}/resume`);
		const resumed = await admin.get('/resume');
		assert.equal(resumed.status, 303);
		assert.equal(resumed.headers.location, `${BASE_PATH}/admin/closure-reasons?done=added`);
		assert.equal(reasonExists('Resume test: kept'), true, 'sent after sign-in');
		// taken once: a second visit does nothing more
		assert.equal((await admin.get('/resume')).headers.location, `${BASE_PATH}/`);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM resumable_posts`), [['0']]);
	});

	it('is not kept without the expired session’s form token', async () => {
		const admin = await signedIn('admin');
		ageSessions('admin', '2 HOUR');
		const sent = await admin.post('/admin/closure-reasons', { csrf: 'f'.repeat(64), name: 'Resume test: forged' });
		assert.equal(sent.status, 303);
		assert.ok(sent.headers.location.startsWith(`${BASE_PATH}/signin?next=`), sent.headers.location);
		assert.equal(admin.cookies.has('referrals_resume'), false);
		await admin.signIn('admin');
		assert.equal(reasonExists('Resume test: forged'), false);
	});

	it('is not sent for someone else who signs in on the same browser', async () => {
		const admin = await signedIn('admin');
		const csrf = csrfFrom((await admin.get('/admin/closure-reasons')).body);
		ageSessions('admin', '2 HOUR');
		await admin.post('/admin/closure-reasons', { csrf, name: 'Resume test: other person' });
		assert.ok(admin.cookies.has('referrals_resume'));
		const form = await admin.get('/signin');
		const signin = await admin.post('/signin', { username: 'amira', password: PASSWORD, csrf: csrfFrom(form.body) });
		assert.equal(signin.headers.location, `${BASE_PATH}/resume`);
		const resumed = await admin.get('/resume');
		assert.equal(resumed.headers.location, `${BASE_PATH}/`);
		assert.equal(reasonExists('Resume test: other person'), false);
	});
});
