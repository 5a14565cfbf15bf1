-- Files a merchant uploads to bring records in (customers from friend lists
-- and marketplace orders), worked through in steps by a timed job that
-- resumes where the last step stopped. See src/modules/imports/README.md.
CREATE TABLE imports_import (
  id BIGINT PRIMARY KEY,
  merchant_id BIGINT NOT NULL,
  kind TEXT NOT NULL,                  -- customers
  file_name TEXT NOT NULL,
  header TEXT NOT NULL,                -- the file's first row, as CSV (for the error report)
  body TEXT NOT NULL,                  -- the file, as UTF-8; emptied when the import ends
  status TEXT NOT NULL,                -- queued, running, done, failed
  total_rows INTEGER NOT NULL,         -- data rows (the header not counted)
  processed_rows INTEGER NOT NULL DEFAULT 0,
  created_rows INTEGER NOT NULL DEFAULT 0,   -- rows that made a new record
  matched_rows INTEGER NOT NULL DEFAULT 0,   -- rows that found an existing one
  failed_rows INTEGER NOT NULL DEFAULT 0,
  next_offset BIGINT NOT NULL DEFAULT 0,     -- byte offset of the next row in body
  failure TEXT NOT NULL DEFAULT '',          -- why a failed import stopped
  created_by BIGINT NOT NULL,                -- the staff member who uploaded it
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX imports_import_by_merchant ON imports_import (merchant_id, kind, id);
CREATE INDEX imports_import_by_status ON imports_import (status, id);

-- The rows an import could not take, with the reason and the row as written.
CREATE TABLE imports_row_error (
  merchant_id BIGINT NOT NULL,
  import_id BIGINT NOT NULL,
  row_no INTEGER NOT NULL,             -- as a spreadsheet numbers it: the header is row 1
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  raw TEXT NOT NULL,                   -- the row's cells, as CSV
  PRIMARY KEY (merchant_id, import_id, row_no)
) ${WITHOUT_ROWID};
