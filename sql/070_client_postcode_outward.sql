-- The client list's filter by the first part of a postcode ("TS24": every postcode of it,
-- issue 12): an equality on this column, whose index ends with the id (as every InnoDB
-- secondary index does), reads the newest clients of that part in order. A range of
-- clients_postcode ("TS24 %") had to be sorted whole for each page: at the design scale some
-- 80,000 clients of one busy part. Virtual: nothing is stored but the index.
ALTER TABLE clients
  ADD COLUMN postcode_outward VARCHAR(4) CHARACTER SET ascii
    AS (SUBSTRING_INDEX(postcode, ' ', 1)) VIRTUAL,
  ADD KEY clients_postcode_outward (postcode_outward);
