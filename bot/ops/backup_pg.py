"""PostgreSQL backups with `pg_dump --format=custom`, and restoring them with `pg_restore` (see
`bot.ops.backup`). The connection goes to the tools through PG* environment variables.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from bot import texts
from bot.config import Settings
from bot.ops.backup_common import (
    PG_DUMP_MAGIC,
    SQLITE_MAGIC,
    TOOL_TIMEOUT,
    BackupError,
    _data_tables,
    _finish,
    _head,
    _mkdir,
    _not_empty,
    _tmp_beside,
    _unlink,
    _write_listing,
)

# ------------------------------------------------------------------------------------------ PostgreSQL


def pg_environment(url: str) -> tuple[dict[str, str], str]:
    """libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE) for a DATABASE_URL, and
    the schema in use (`search_path` option, `public` otherwise)."""
    parsed = make_url(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    query = {k: (v[0] if isinstance(v, tuple) else v) for k, v in parsed.query.items()}
    host = parsed.host or query.get("host")
    if host:
        env["PGHOST"] = str(host)
    if parsed.port:
        env["PGPORT"] = str(parsed.port)
    elif query.get("port"):
        env["PGPORT"] = str(query["port"])
    if parsed.username:
        env["PGUSER"] = parsed.username
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    if parsed.database:
        env["PGDATABASE"] = parsed.database
    ssl = str(query.get("sslmode") or query.get("ssl") or "").lower()
    if ssl in {"true", "1", "on"}:
        ssl = "require"
    if ssl in {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}:
        env["PGSSLMODE"] = ssl
    env["PGAPPNAME"] = "loaxa-backup"
    schema = str(query.get("search_path") or "public").split(",")[0].strip().strip('"') or "public"
    return env, schema


async def _run_tool(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        *args,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), TOOL_TIMEOUT)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        await proc.wait()
        raise
    return int(proc.returncode or 0), out.decode(errors="replace"), err.decode(errors="replace")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(texts.BACKUP_NO_PG_DUMP if name == "pg_dump" else texts.BACKUP_NO_PG_RESTORE)
    return path


def _tool_failed(tool: str, code: int, stderr: str) -> BackupError:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return BackupError(texts.BACKUP_TOOL_FAILED.format(tool=tool, code=code, detail=" | ".join(lines[-3:])))


async def backup_pg(url: str, output: Path) -> int:
    """`pg_dump -Fc` of the schema in use into `output` (written beside it, then renamed)."""
    exe = _tool("pg_dump")
    env, schema = pg_environment(url)
    tmp = _tmp_beside(output)
    try:
        _mkdir(output.parent)
        code, _, err = await _run_tool([exe, "--format=custom", f"--schema={schema}", f"--file={tmp}"], env)
        if code != 0:
            raise _tool_failed("pg_dump", code, err)
        return _finish(tmp, output)
    except OSError as exc:
        raise BackupError(texts.BACKUP_WRITE_FAILED.format(path=output, detail=exc.strerror or exc)) from exc
    finally:
        _unlink(tmp)


_TOC_ENTRY = re.compile(r"^\d+; \d+ \d+ (?P<desc>[A-Z][A-Z ]*?) (?P<schema>\S+) (?P<name>\S+) \S*$")


@dataclass
class _Archive:
    toc: list[str]
    tables: dict[str, str]  # table name -> schema


async def _read_archive(file: Path, env: dict[str, str]) -> _Archive:
    head = _head(file)
    if head == SQLITE_MAGIC:
        raise BackupError(texts.RESTORE_WRONG_KIND.format(path=file, found="SQLite", target="PostgreSQL"))
    if not head.startswith(PG_DUMP_MAGIC):
        raise BackupError(texts.RESTORE_NOT_PG_DUMP.format(path=file))
    code, out, _ = await _run_tool([_tool("pg_restore"), "--list", str(file)], env)
    if code != 0:
        raise BackupError(texts.RESTORE_NOT_PG_DUMP.format(path=file))
    toc = out.splitlines()
    tables: dict[str, str] = {}
    for line in toc:
        m = _TOC_ENTRY.match(line.strip())
        if m and m["desc"] == "TABLE":
            tables[m["name"]] = m["schema"]
    if "alembic_version" not in tables:
        raise BackupError(texts.RESTORE_NOT_LOAXA.format(path=file))
    return _Archive(toc, tables)


async def _pg_prepare(url: str, schema: str, drop: set[str] | None) -> dict[str, int]:
    """Counts of the data tables in `schema` (created when missing); with `drop`, then drops those of the
    named tables that exist (our tables, the backup's, alembic_version), dependencies first."""
    from sqlalchemy import MetaData, func, inspect, select
    from sqlalchemy.schema import CreateSchema

    from bot.db.engine import create_engine

    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(CreateSchema(schema, if_not_exists=True))
            present = set(await conn.run_sync(lambda c: inspect(c).get_table_names(schema=schema)))
            meta = MetaData(schema=schema)
            wanted = sorted(present & (_data_tables() | (drop or set())))
            await conn.run_sync(lambda c: meta.reflect(c, only=wanted))
            counts: dict[str, int] = {}
            for name in sorted(present & _data_tables()):
                table = meta.tables[f"{schema}.{name}"]
                counts[name] = int((await conn.execute(select(func.count()).select_from(table))).scalar_one())
            if drop is not None:
                await conn.run_sync(meta.drop_all)
        return counts
    finally:
        await engine.dispose()


async def _restore_pg(settings: Settings, file: Path, force: bool, safety_dir: Path) -> Path | None:
    env, schema = pg_environment(settings.database_url)
    archive = await _read_archive(file, env)
    found = sorted(set(archive.tables.values()))
    if found != [schema]:
        raise BackupError(texts.RESTORE_SCHEMA_MISMATCH.format(found=", ".join(found), target=schema))
    _tool("pg_dump")
    counts = await _pg_prepare(settings.database_url, schema, None)
    safety: Path | None = None
    if any(counts.values()):
        if not force:
            raise _not_empty(counts)
        safety = safety_dir / f"loaxa-before-restore-{datetime.now():%Y%m%d-%H%M%S}.dump"
        await backup_pg(settings.database_url, safety)
    # Into an empty schema: our tables (and the backup's) go first, then the archive goes in, in one
    # transaction. The schema itself is left alone (never dropped): only table-level entries are restored.
    await _pg_prepare(settings.database_url, schema, set(archive.tables) | {"alembic_version"})
    keep = [line for line in archive.toc if not re.match(r"^\d+; \d+ \d+ (SCHEMA|COMMENT - SCHEMA) ", line)]
    listing = _write_listing(keep)
    dbname = env.get("PGDATABASE") or env.get("PGUSER") or "postgres"
    try:
        code, _, err = await _run_tool(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--use-list={listing}",
                f"--dbname={dbname}",
                str(file),
            ],
            env,
        )
    finally:
        _unlink(listing)
    if code != 0:
        raise _tool_failed("pg_restore", code, err)
    return safety
