/* Sending a draft: one transaction creating everything. */
