/* Reading the event log for the audit page, with filters and paging. */
