"""Create the database named in DATABASE_URL when it does not exist yet (used by `make run`)."""

import os
import sys

import environ
import psycopg
from psycopg import sql


def main() -> int:
    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    name = config["NAME"]
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "connect_timeout": 5,
    }
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                return 0
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        # No access to the maintenance database (a managed server, say): migrate will tell.
        print(f"warning: could not check the database {name}: {error}".strip(), file=sys.stderr)
        return 0
    print(f"==> Created the database {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
