/* Postcodes: lookup and import from the ONS Postcode Directory CSV format. */
