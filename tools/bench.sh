#!/usr/bin/env bash
# `make bench`: PostgreSQL-backed Hisab with production settings, measured by `hisab bench run`.
# `tools/bench.sh seed --invoices N` (or `--journal-lines N`) instead seeds the same database (`hisab bench seed`).
#
# The service runs as a role that row-level security binds (hisab_bench_app), the owner migrates;
# synchronous_commit and every check stay as in production. One thing differs, on purpose and
# said here: the per-user rate limit is raised, because the benchmark is one user sending
# thousands of requests a second, which the production default (100/s) exists to refuse.
set -euo pipefail
cd "$(dirname "$0")/.."

PG=${HISAB_BENCH_POSTGRES:-postgresql://root@127.0.0.1:5432}
DB=${HISAB_BENCH_DATABASE:-hisab_bench}
PORT=${HISAB_BENCH_PORT:-8765}
WORKERS=${HISAB_BENCH_WORKERS:-1}
BIN=.venv/bin

psql -q -v ON_ERROR_STOP=1 "$PG/postgres" <<SQL
SELECT 'CREATE ROLE hisab_bench_owner LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hisab_bench_owner')\gexec
SELECT 'CREATE ROLE hisab_bench_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hisab_bench_app')\gexec
SELECT 'CREATE DATABASE $DB OWNER hisab_bench_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB')\gexec
SQL
psql -q -v ON_ERROR_STOP=1 "$PG/$DB" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT ALL ON SCHEMA public TO hisab_bench_owner"

export HISAB_ENVIRONMENT=production
export HISAB_DATABASE_URL="postgresql://hisab_bench_app@${PG#postgresql://*@}/$DB"
export HISAB_MIGRATION_DATABASE_URL="postgresql://hisab_bench_owner@${PG#postgresql://*@}/$DB"
export HISAB_DATABASE_APP_ROLE=hisab_bench_app
export HISAB_JWT_SECRET=${HISAB_JWT_SECRET:-bench-access-secret-that-is-long-enough-000}
export HISAB_JWT_REFRESH_SECRET=${HISAB_JWT_REFRESH_SECRET:-bench-refresh-secret-that-is-long-enough-00}
export HISAB_SESSION_SECRET=${HISAB_SESSION_SECRET:-bench-session-secret-that-is-long-enough-000}
export HISAB_PORT=$PORT HISAB_WORKERS=$WORKERS
export HISAB_RATE_LIMIT_PER_SECOND=${HISAB_RATE_LIMIT_PER_SECOND:-100000} HISAB_RATE_LIMIT_BURST=${HISAB_RATE_LIMIT_BURST:-100000}
export HISAB_LOG_LEVEL=${HISAB_LOG_LEVEL:-warning}

$BIN/hisab migrate >/dev/null
if [ "${1:-}" = seed ]; then
    shift
    $BIN/hisab bench seed "$@"
    # A seed's batch updates each day's balance rows several times in one transaction, versions no
    # pruning reclaims before its commit (postings over HTTP update them once a transaction): compact
    # the table, so reads are measured against what posting one entry at a time leaves.
    psql -q "$HISAB_MIGRATION_DATABASE_URL" -c "VACUUM (FULL) ledger_balances"
    # Fresh statistics, or the planner may sort a whole tenant for a page (the app role may not ANALYZE).
    exec psql -q "$HISAB_MIGRATION_DATABASE_URL" -c "ANALYZE events, invoices, invoice_lines, counters, journal_entries, journal_lines, ledger_balances, invoice_notes, invoice_note_lines, receipts, invoice_settlements, invoice_balances"
fi
$BIN/hisab serve >"${TMPDIR:-/tmp}/hisab-bench-server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
    sleep 0.1
done
$BIN/hisab bench run --url "http://127.0.0.1:$PORT" "$@"
