/* Organisations and what they accept; their directory groups. */
