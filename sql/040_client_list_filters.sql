-- The client list's postcode filter (issue 12): a whole postcode or every postcode of its first
-- part ("LS1 %") is a range of this index rather than a walk of every client. The other filters
-- have theirs: clients_dob (date of birth), and for administrators, who see every client,
-- clients_gender and clients_la (their foreign keys' indexes, which end with the id, so newest
-- first within one gender or local authority is read in order).
ALTER TABLE clients ADD KEY clients_postcode (postcode);
