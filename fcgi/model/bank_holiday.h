/* Bank holidays: list, add, remove, import. */
