// The demo data shows every referral state the program has (so a new user can try each at
// once), consistent with what the program itself would have written, and reloading it on a
// restart changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dbRows, stack, masterPid, waitFor } from './lib.mjs';

const snapshot = () => dbRows(`SELECT (SELECT COUNT(*) FROM referrals), (SELECT COUNT(*) FROM events),
	(SELECT COUNT(*) FROM clients), (SELECT COUNT(*) FROM referral_groups WHERE unresolved = 1),
	(SELECT GROUP_CONCAT(DISTINCT status ORDER BY status) FROM referrals)`);

describe('demo data', () => {
	it('has referrals in every state, each with its timeline event', () => {
		const states = dbRows(`SELECT DISTINCT status FROM referrals WHERE client_id IN
			(SELECT id FROM clients WHERE last_name_key IN ('smith','wilson','brown','jones','mensah','ali','begum','baker'))`).map(([s]) => s).sort();
		for (const state of ['acknowledged', 'closed', 'new', 'no_response', 'refused', 'removed', 'withdrawn']) {
			assert.ok(states.includes(state), `a demo referral is ${state}`);
		}
		// every moved referral has its event, as the program writes one per change
		const missing = dbRows(`SELECT r.id, r.status FROM referrals r WHERE r.status <> 'new'
			AND r.client_id IN (SELECT id FROM clients WHERE last_name_key IN ('smith','wilson','brown','jones','mensah','ali','begum','baker'))
			AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_type = 'referral' AND e.subject_id = r.id AND e.action = CONCAT('referral.', r.status))`);
		assert.deepEqual(missing, []);
		// an acknowledged group is taken by its acknowledger; a refused-only group is unresolved
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM referrals r JOIN referral_groups g ON g.id = r.group_id
			WHERE r.status = 'acknowledged' AND (g.taken_by_org_id IS NULL OR g.taken_by_org_id <> r.receiving_org_id)`), [['0']]);
		assert.deepEqual(dbRows(`SELECT COUNT(*) FROM referrals r JOIN referral_groups g ON g.id = r.group_id
			WHERE r.status = 'refused' AND g.unresolved = 0 AND NOT EXISTS (SELECT 1 FROM referrals x WHERE x.group_id = g.id
			AND x.status NOT IN ('refused', 'no_response'))`), [['0']]);
	});

	it('changes nothing when loaded again', async () => {
		// the stack loads the demo data whenever it starts the program
		const restart = async () => {
			const master = masterPid();
			process.kill(master, 'SIGTERM');
			const gone = await waitFor(() => {
				try {
					process.kill(master, 0);
					return false;
				} catch {
					return true;
				}
			}, 15000);
			assert.ok(gone, 'the program stopped');
			const output = stack('start');
			assert.match(output, /demo data 080_referral_states\.sql/, 'the demo data ran again');
		};
		// the first load may add what waited for someone's first sign-in (a sender's staff
		// row, as for the food bank's send once tina has signed in); after that, nothing
		await restart();
		const before = snapshot();
		await restart();
		assert.deepEqual(snapshot(), before);
	});
});
