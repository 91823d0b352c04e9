-- tests/bench/generate, 40_consents: the consent of each send, recorded by its staff member at the
-- moment of sending (referral_send.c step 4): by the client, or by someone for them.

INSERT INTO consents (id, client_id, organisation_id, recorded_by, recorded_at, given_by_client,
  consentor_name, consentor_relationship)
SELECT STRAIGHT_JOIN @consent_base + s.s, @client_base + s.client_n, s.sender, s.staff_id, s.sent_at, s.by_client,
  IF(s.by_client, '', CONCAT(ELT(1 + MIX(s.hb, 20) MOD 12, 'Margaret', 'Fatima', 'John', 'Patricia', 'Ahmed',
    'Susan', 'Peter', 'Grace', 'Daniel', 'Anna', 'Michael', 'Joy'), ' ',
    IF(s.consentor_k < 6, c.last_name, ELT(1 + MIX(s.hb, 21) MOD 6, 'Green', 'Hall', 'Ward', 'Shah', 'Reid', 'Owen')))),
  IF(s.by_client, '', ELT(1 + s.consentor_k, 'Mother', 'Father', 'Daughter', 'Son', 'Wife', 'Husband',
    'Support worker', 'Advocate'))
FROM gen_send s JOIN clients c ON c.id = @client_base + s.client_n;
