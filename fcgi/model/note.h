/* Notes on referrals and clients, and files. */
