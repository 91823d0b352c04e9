/* multipart/form-data parsing. */
