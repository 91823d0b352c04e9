/* Receiving organisations offered per issue, with eligibility. */
