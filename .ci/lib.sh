# shellcheck shell=bash
# Steps shared by `make run` (.ci/serve) and CI (.ci/run): system packages, the virtualenv, PostgreSQL and Redis.
# Sourced, not run. Every message goes to stderr so functions can print a value on stdout.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="$ROOT/var"
LOG_DIR="$VAR/log"
VENV="$ROOT/.venv"
DB_NAME="${DB_NAME:-backoffice}"
# Ports of the private instances under var/, used only when no system service can be had.
PRIVATE_PG_PORT="${PRIVATE_PG_PORT:-54329}"
PRIVATE_REDIS_PORT="${PRIVATE_REDIS_PORT:-63799}"
# LOCAL_SERVICES=private skips the system services and always uses the private instances.
LOCAL_SERVICES="${LOCAL_SERVICES:-auto}"
APT_UPDATED=""

mkdir -p "$LOG_DIR"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
	printf 'error: %s\n' "$*" >&2
	exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

as_root() {
	if is_root; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "root or sudo is needed for: $*"
	fi
}

# Run as the postgres system user (its cluster trusts it over the local socket), from a directory it may enter.
as_postgres() {
	if is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		(cd / && sudo -u postgres "$@")
	fi
}

systemd_running() { [ -d /run/systemd/system ]; }

# Install the Debian packages of the list that are not installed yet; `apt-get update` runs at most once.
apt_ensure() {
	local pkg missing=()
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get: install them by hand"
	say "Installing ${missing[*]} (log: var/log/apt.log)"
	if [ -z "$APT_UPDATED" ]; then
		as_root apt-get update >>"$LOG_DIR/apt.log" 2>&1 || {
			tail -n 20 "$LOG_DIR/apt.log" >&2
			die "apt-get update failed"
		}
		APT_UPDATED=1
	fi
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
		>>"$LOG_DIR/apt.log" 2>&1 || {
		tail -n 30 "$LOG_DIR/apt.log" >&2
		die "apt-get install failed"
	}
}

# A Python the project supports (pyproject: >=3.11,<3.13), installing Debian's when there is none.
python_pick() {
	local candidate
	for candidate in python3.11 python3.12 python3; do
		if command -v "$candidate" >/dev/null 2>&1 &&
			"$candidate" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 13))' 2>/dev/null; then
			echo "$candidate"
			return 0
		fi
	done
	return 1
}

# Create .venv and install the project with its dev extras, only when pyproject.toml changed since the last install.
venv_ensure() {
	local stamp="$VAR/install.stamp" want python
	want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
	if [ -x "$VENV/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
		return 0
	fi
	if [ ! -x "$VENV/bin/python" ]; then
		python="$(python_pick)" || {
			apt_ensure python3 python3-venv
			python="$(python_pick)" || die "Python 3.11 or 3.12 is needed (Debian 12 ships 3.11)"
		}
		say "Creating .venv with $("$python" --version)"
		if ! "$python" -m venv "$VENV" >>"$LOG_DIR/venv.log" 2>&1; then
			rm -rf "$VENV"
			apt_ensure python3-venv
			"$python" -m venv "$VENV" >>"$LOG_DIR/venv.log" 2>&1 || die "could not create .venv (see var/log/venv.log)"
		fi
	fi
	say "Installing the project and its dev tools into .venv (pyproject.toml changed; log: var/log/pip.log)"
	(cd "$ROOT" && "$VENV/bin/python" -m pip install --disable-pip-version-check -e '.[dev]') \
		>"$LOG_DIR/pip.log" 2>&1 || {
		tail -n 30 "$LOG_DIR/pip.log" >&2
		die "pip install failed"
	}
	echo "$want" >"$stamp"
}

# The value of KEY in .env, if the file sets it (simple KEY=value lines, optional quotes and `export`).
env_file_get() {
	[ -f "$ROOT/.env" ] || return 0
	sed -n -E "s/^[[:space:]]*(export[[:space:]]+)?$1[[:space:]]*=[[:space:]]*//p" "$ROOT/.env" |
		tail -n 1 | sed -E "s/^['\"](.*)['\"][[:space:]]*$/\1/"
}

pg_answers() { pg_isready -q -h 127.0.0.1 -p "$1" -t 3 >/dev/null 2>&1; }
pg_logs_in() { PGCONNECT_TIMEOUT=3 psql -w "$1/postgres" -XAtqc 'select 1' >/dev/null 2>&1; }
wait_for() {
	local _
	for _ in $(seq 1 30); do
		"$@" && return 0
		sleep 0.5
	done
	return 1
}

postgres_system_start() {
	local version
	[ -d /etc/postgresql ] || return 1
	version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
	[ -n "$version" ] && [ -d "/etc/postgresql/$version/main" ] || return 1
	say "Starting the system PostgreSQL $version"
	if systemd_running; then
		as_root pg_ctlcluster "$version" main start >&2 || return 1
	else
		as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || return 1
	fi
}

# A role that logs in over TCP on a Debian cluster that wants passwords there: made through the socket (peer auth).
postgres_demo_role() {
	local port="$1" password_file="$VAR/postgres-password" password
	id postgres >/dev/null 2>&1 || return 1
	if [ ! -s "$password_file" ]; then
		(umask 077 && "$VENV/bin/python" -c 'import secrets; print(secrets.token_hex(16))' >"$password_file")
	fi
	password="$(cat "$password_file")"
	say "Creating the PostgreSQL role backoffice (password in var/postgres-password)"
	as_postgres psql -w -XAtq -p "$port" -v ON_ERROR_STOP=1 -v pw="$password" >&2 <<-'SQL' || return 1
		SELECT format('CREATE ROLE backoffice LOGIN CREATEDB PASSWORD %L', :'pw')
		WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'backoffice') \gexec
		SELECT format('ALTER ROLE backoffice LOGIN CREATEDB PASSWORD %L', :'pw') \gexec
	SQL
	echo "postgres://backoffice:$password@127.0.0.1:$port"
}

postgres_private_start() {
	local bindir data="$VAR/postgres" port="$PRIVATE_PG_PORT"
	local -a run=()
	if pg_answers "$port"; then
		echo "postgres://postgres@127.0.0.1:$port"
		return 0
	fi
	bindir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1 || true)"
	[ -x "$bindir/initdb" ] || die "no PostgreSQL server binaries found"
	# initdb refuses to run as root: root runs the private cluster as the postgres user.
	if is_root; then run=(runuser -u postgres --); fi
	mkdir -p "$data"
	if is_root; then chown postgres: "$data" && chmod 700 "$data"; fi
	if [ ! -f "$data/PG_VERSION" ]; then
		say "Creating a private PostgreSQL cluster in var/postgres (port $port)"
		(cd / && "${run[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8) \
			>"$LOG_DIR/initdb.log" 2>&1 || die "initdb failed (see var/log/initdb.log)"
	fi
	say "Starting the private PostgreSQL on 127.0.0.1:$port"
	(cd / && "${run[@]}" "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
		-o "-p $port -c listen_addresses=127.0.0.1 -k $data" start) >&2 ||
		die "the private PostgreSQL did not start (see var/postgres/server.log)"
	echo "postgres://postgres@127.0.0.1:$port"
}

# Print the base URL (no database name) of a PostgreSQL on this machine that we can log in to, starting one if needed.
postgres_local() {
	local url
	if [ "$LOCAL_SERVICES" != private ]; then
		if ! pg_answers 5432 && postgres_system_start; then wait_for pg_answers 5432 || true; fi
		if pg_answers 5432; then
			for url in "postgres://postgres@127.0.0.1:5432" \
				"postgres://backoffice:$(cat "$VAR/postgres-password" 2>/dev/null)@127.0.0.1:5432"; do
				if pg_logs_in "$url"; then
					echo "$url"
					return 0
				fi
			done
			if url="$(postgres_demo_role 5432)" && pg_logs_in "$url"; then
				echo "$url"
				return 0
			fi
			warn "PostgreSQL on 127.0.0.1:5432 answers but refuses us: using a private cluster"
		fi
	fi
	postgres_private_start
}

redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]; }

redis_system_start() {
	command -v redis-server >/dev/null 2>&1 || return 1
	say "Starting the system Redis"
	if systemd_running; then
		as_root systemctl start redis-server >&2
	elif [ -x /etc/init.d/redis-server ]; then
		as_root /etc/init.d/redis-server start >&2
	else
		return 1
	fi
}

redis_private_start() {
	local port="$PRIVATE_REDIS_PORT"
	if ! redis_answers "$port"; then
		say "Starting a private Redis on 127.0.0.1:$port (var/redis)"
		mkdir -p "$VAR/redis"
		redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$VAR/redis" \
			--logfile "$VAR/redis/redis.log" --pidfile "$VAR/redis/redis.pid" >&2 ||
			die "the private Redis did not start"
		wait_for redis_answers "$port" || die "the private Redis does not answer (see var/redis/redis.log)"
	fi
	echo "redis://127.0.0.1:$port/0"
}

redis_local() {
	if [ "$LOCAL_SERVICES" != private ]; then
		if ! redis_answers 6379 && redis_system_start; then wait_for redis_answers 6379 || true; fi
		if redis_answers 6379; then
			echo "redis://127.0.0.1:6379/0"
			return 0
		fi
	fi
	redis_private_start
}

# Export DATABASE_URL and REDIS_URL: the ones set in the environment or .env, else services on this machine.
services_ensure() {
	DATABASE_URL="${DATABASE_URL:-$(env_file_get DATABASE_URL)}"
	if [ -z "$DATABASE_URL" ]; then
		DATABASE_URL="$(postgres_local)/$DB_NAME"
	fi
	REDIS_URL="${REDIS_URL:-$(env_file_get REDIS_URL)}"
	if [ -z "$REDIS_URL" ]; then
		REDIS_URL="$(redis_local)"
	fi
	export DATABASE_URL REDIS_URL
}

# The system packages a machine needs to run the application (chromium and poppler-utils only matter to tests).
runtime_packages() {
	local packages=(make gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk)
	[ -n "${DATABASE_URL:-$(env_file_get DATABASE_URL)}" ] || packages+=(postgresql)
	[ -n "${REDIS_URL:-$(env_file_get REDIS_URL)}" ] || packages+=(redis-server)
	echo "${packages[@]}"
}
