-- Step 2, as cs_lead on cs_portfolio, once the portfolio is in it (cs-planner copy, or the
-- app opened once): what each group may do, now and on the tables later versions add.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cs_team;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO cs_team;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cs_readers;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cs_team;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO cs_team;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO cs_readers;
