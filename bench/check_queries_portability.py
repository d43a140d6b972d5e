#!/usr/bin/env python3
"""Runs every queries/*.sql on SQLite, DuckDB and (optionally) PostgreSQL over the same data and
compares the rows.

Usage: bench/check_queries_portability.py STORE.sqlite   (a store on which `chatmine metrics` has run)
       CHATMINE_PSQL="psql -h /tmp/pg -p 5432 -U postgres" bench/check_queries_portability.py STORE.sqlite
Needs: pip install duckdb; psql and a scratch PostgreSQL database for the third engine.
"""
import csv
import os
import pathlib
import shlex
import sqlite3
import subprocess
import sys
import tempfile

import duckdb

ROOT = pathlib.Path(__file__).resolve().parent.parent
TABLES = ["conversations", "turns", "events", "outcomes"]
PARAMS = {
    "confidence_threshold": 0.5, "csat_scale_max": 5, "csat_resolved_min": 4,
    "deflection_window_ms": 86_400_000, "durable_window_ms": 7 * 86_400_000,
    "api_failure_escalation_turns": 3, "cost_human_conversation": 6.0, "cost_bot_conversation": 0.5,
}
DUCK_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE", "TEXT": "VARCHAR", "BLOB": "BLOB"}


def copy_store(lite, duck):
    for table in TABLES:
        columns = [(row[1], DUCK_TYPES.get((row[2] or "TEXT").upper(), "VARCHAR")) for row in lite.execute(f'PRAGMA table_info("{table}")')]
        columns = [(name, kind) for name, kind in columns if kind != "BLOB"]
        duck.execute(f'CREATE TABLE "{table}" (' + ", ".join(f'"{n}" {k}' for n, k in columns) + ")")
        names = ", ".join(f'"{n}"' for n, _ in columns)
        rows = lite.execute(f'SELECT {names} FROM "{table}"').fetchall()
        if rows:
            duck.executemany(f'INSERT INTO "{table}" VALUES (' + ", ".join("?" for _ in columns) + ")", rows)


def scope(connection, temporary):
    kind = "TEMP TABLE" if temporary else "TABLE"
    connection.execute(f"CREATE {kind} metric_scope AS SELECT conversation_id, CASE WHEN channel IS NULL THEN '(none)' ELSE channel END AS grp FROM outcomes")
    connection.execute(f"CREATE {kind} metric_params (name VARCHAR, value DOUBLE)")
    for name, value in PARAMS.items():
        connection.execute("INSERT INTO metric_params VALUES (?, ?)", (name, float(value)))


PG_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "TEXT": "TEXT"}


def postgres_setup(lite, workdir):
    """SQL that recreates the store's tables, the scope and the parameters in PostgreSQL."""
    lines = ["SET client_min_messages = warning;"]
    for table in TABLES:
        columns = [(row[1], PG_TYPES.get((row[2] or "TEXT").upper())) for row in lite.execute(f'PRAGMA table_info("{table}")')]
        columns = [(name, kind) for name, kind in columns if kind]
        lines.append(f'DROP TABLE IF EXISTS "{table}" CASCADE;')
        lines.append(f'CREATE TABLE "{table}" (' + ", ".join(f'"{n}" {k}' for n, k in columns) + ");")
        names = ", ".join(f'"{n}"' for n, _ in columns)
        path = os.path.join(workdir, table + ".csv")
        with open(path, "w", newline="") as handle:
            writer = csv.writer(handle)
            for row in lite.execute(f'SELECT {names} FROM "{table}"'):
                writer.writerow(["\\N" if v is None else v for v in row])
        lines.append(f"\\copy \"{table}\" FROM '{path}' WITH (FORMAT csv, NULL '\\N')")
    lines.append("DROP TABLE IF EXISTS metric_scope, metric_params;")
    lines.append("CREATE TABLE metric_scope AS SELECT conversation_id, CASE WHEN channel IS NULL THEN '(none)' ELSE channel END AS grp FROM outcomes;")
    lines.append("CREATE TABLE metric_params (name TEXT, value DOUBLE PRECISION);")
    for name, value in PARAMS.items():
        lines.append(f"INSERT INTO metric_params VALUES ('{name}', {float(value)});")
    return "\n".join(lines) + "\n"


def postgres_rows(psql, sql):
    result = subprocess.run(psql + ["-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip())
    rows = []
    for line in result.stdout.splitlines():
        cells = []
        for cell in line.split("\t"):
            if cell == "":
                cells.append(None)
                continue
            try:
                cells.append(float(cell))
            except ValueError:
                cells.append(cell)
        rows.append(tuple(cells))
    return rows


def normalised(rows):
    out = []
    for row in rows:
        out.append(tuple(round(float(v), 6) if isinstance(v, (int, float)) and v is not None and not isinstance(v, bool) else v for v in row))
    return sorted(out, key=lambda r: tuple("" if v is None else str(v) for v in r))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    lite = sqlite3.connect(sys.argv[1])
    duck = duckdb.connect()
    copy_store(lite, duck)
    scope(lite, True)
    scope(duck, False)
    psql = shlex.split(os.environ["CHATMINE_PSQL"]) if os.environ.get("CHATMINE_PSQL") else None
    if psql:
        workdir = tempfile.mkdtemp()
        os.chmod(workdir, 0o755)
        setup = os.path.join(workdir, "setup.sql")
        with open(setup, "w") as handle:
            handle.write(postgres_setup(lite, workdir))
        subprocess.run(psql + ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", setup], check=True)
    failures = 0
    for path in sorted((ROOT / "queries").glob("*.sql")):
        sql = path.read_text()
        if "-- requires:" in sql:
            print(f"skip  {path.name} (needs a table chatmine creates later)")
            continue
        a = normalised(lite.execute(sql).fetchall())
        try:
            b = normalised(duck.execute(sql).fetchall())
        except Exception as error:  # noqa: BLE001
            print(f"FAIL  {path.name}: DuckDB rejects it: {error}")
            failures += 1
            continue
        if psql:
            try:
                c = normalised(postgres_rows(psql, sql))
            except RuntimeError as error:
                print(f"FAIL  {path.name}: PostgreSQL rejects it: {error}")
                failures += 1
                continue
            if a != c:
                failures += 1
                print(f"DIFF  {path.name}: sqlite {len(a)} rows, postgres {len(c)} rows")
                for x, y in zip(a, c):
                    if x != y:
                        print("   sqlite  ", x, "\n   postgres", y)
                        break
                continue
        if a == b:
            print(f"same  {path.name} ({len(a)} rows{', SQLite = DuckDB = PostgreSQL' if psql else ', SQLite = DuckDB'})")
        else:
            failures += 1
            print(f"DIFF  {path.name}: sqlite {len(a)} rows, duckdb {len(b)} rows")
            for x, y in zip(a, b):
                if x != y:
                    print("   sqlite", x, "\n   duckdb", y)
                    break
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
