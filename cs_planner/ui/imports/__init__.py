"""Taking data in: files from a CRM or a spreadsheet, and changes from an exported account plan."""
