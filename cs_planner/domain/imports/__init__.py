"""Import: accounts, contacts and org charts from CRM, HR-system and spreadsheet exports
(no Qt). Read a file (``reading``), map its columns (``mapping``), plan without writing
(``preview``), then apply as one undoable edit (``apply.ImportEdit``)."""
