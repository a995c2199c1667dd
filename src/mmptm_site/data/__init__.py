"""The data stage: files of a data directory read, checked and written (schema, load, validate, writer, fmt)."""
