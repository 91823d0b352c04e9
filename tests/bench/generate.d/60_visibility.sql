-- tests/bench/generate, 60_visibility: who may see each client: the sender and every receiver of each
-- of their referrals (referral_send.c step 6, client_grant_visibility), since the first
-- referral that made them visible. Written client by client, so the rows go into the primary
-- key (client, organisation) in its order; a pair met again keeps the earlier time.

INSERT INTO client_orgs (client_id, organisation_id, created_at)
SELECT STRAIGHT_JOIN @client_base + c.client_n, IF(x.k = 1, r.sender, r.org), r.sent_at
FROM gen_send c
JOIN gen_ref r ON r.client_n = c.client_n
JOIN gen_k x ON x.k <= 2
WHERE c.is_new = 1
ON DUPLICATE KEY UPDATE created_at = LEAST(client_orgs.created_at, VALUES(created_at));
