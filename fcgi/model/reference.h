/* Reference data: local authorities and the title/gender/pronoun lists. */
