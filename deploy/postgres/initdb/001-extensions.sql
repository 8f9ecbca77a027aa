-- Runs once, when the PostgreSQL data directory is first initialised
-- (docker-entrypoint-initdb.d). Each service creates and migrates its own
-- schema; the pgvector extension is database-wide, so it is enabled here.
CREATE EXTENSION IF NOT EXISTS vector;
