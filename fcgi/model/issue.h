/* Issues: list, create, rename, describe, order, deactivate. */
