"""Importing a chain's sales report: `reading` turns the uploaded bytes (CSV in UTF-8,
UTF-8 with BOM or Windows-1251, ; or , separated; or XLSX) into rows of text,
`checking` finds every row's problems and builds the records, `committing` writes
them all or nothing. The services in families/services/sales.py drive them."""
