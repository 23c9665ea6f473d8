-- A team portfolio on PostgreSQL, step 1, as the server's administrator (psql -U postgres).
-- The lead owns the database (the app migrates it when a new version first opens it);
-- cs_team may read and edit; cs_readers (managers who only export) may only read.
CREATE ROLE cs_lead LOGIN;
CREATE ROLE cs_team NOLOGIN;
CREATE ROLE cs_readers NOLOGIN;
CREATE DATABASE cs_portfolio OWNER cs_lead;
-- One login per person; set each password with \password NAME in psql (never in a file).
CREATE ROLE dario LOGIN IN ROLE cs_team;
CREATE ROLE mona LOGIN IN ROLE cs_readers;
