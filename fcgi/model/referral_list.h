/* The Sent and Received lists with their filters, and the dashboard counts. */
