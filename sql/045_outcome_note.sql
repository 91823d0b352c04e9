-- The receiver's optional outcome note when closing a referral (issue 12 point 3): what came of
-- it, in their words, shown on the referral page to both sides.
ALTER TABLE referrals
  ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
