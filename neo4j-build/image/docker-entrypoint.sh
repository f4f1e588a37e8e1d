#!/bin/bash
# Entrypoint of localhost/hotspot-kg-neo4j. It does what hotspot-kg's tests and users rely on in the official
# neo4j image's docker-entrypoint.sh:
#   NEO4J_AUTH=neo4j/PASSWORD  sets the initial password before the first start (none: no authentication)
#   NEO4J_x_y__z=value         becomes the setting x.y_z=value in neo4j.conf ("_" -> ".", "__" -> "_")
#   server.memory.heap.initial_size / max_size (e.g. NEO4J_server_memory_heap_max__size=1g) become -Xms / -Xmx
#   data in /data, logs in /logs, CSV imports in /import; the server runs as user neo4j (uid 7474)
# GDS is built in, so NEO4J_PLUGINS is accepted and ignored. Any command other than `neo4j` is run as given
# (for example `neo4j-admin database info`).
set -euo pipefail

NEO4J_HOME=${NEO4J_HOME:-/var/lib/neo4j}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
CONF_DIR=$NEO4J_HOME/conf
CONF=$CONF_DIR/neo4j.conf
TEMPLATE=${HOTSPOT_CONF_TEMPLATE:-/startup/neo4j.conf}
JVM_OPTIONS_FILE=${HOTSPOT_JVM_OPTIONS:-/startup/jvm.options}
NEO4J_UID=7474

fail() {
    echo "docker-entrypoint.sh: $*" >&2
    exit 1
}

# Variables of the official image that are not settings.
not_a_setting() {
    case "$1" in
        NEO4J_AUTH | NEO4J_PLUGINS | NEO4J_HOME | NEO4J_CONF | NEO4J_EDITION | NEO4J_DEBUG | \
            NEO4J_ACCEPT_LICENSE_AGREEMENT | NEO4J_SHA256 | NEO4J_TARBALL | NEO4J_URI | NEO4J_USER | \
            NEO4J_PASSWORD | NEO4J_DATABASE) return 0 ;;
        *) return 1 ;;
    esac
}

# set_setting KEY VALUE: replace any line for KEY in neo4j.conf by KEY=VALUE.
set_setting() {
    local key=$1 value=$2 tmp
    tmp=$(mktemp "$CONF_DIR/.neo4j.conf.XXXXXX")
    awk -v prefix="$key=" 'index($0, prefix) != 1' "$CONF" >"$tmp"
    printf '%s=%s\n' "$key" "$value" >>"$tmp"
    cat "$tmp" >"$CONF" # keeps the file's mode (mktemp makes 0600 files, unreadable by user neo4j)
    rm -f "$tmp"
}

# env_to_setting NAME: NEO4J_server_memory_heap_max__size -> server.memory.heap.max_size
env_to_setting() {
    local s=${1#NEO4J_}
    s=${s//__/$'\x01'}
    s=${s//_/.}
    printf '%s' "${s//$'\x01'/_}"
}

write_conf() {
    cp "$TEMPLATE" "$CONF"
    local name setting
    for name in $(compgen -e | grep '^NEO4J_' | sort); do
        not_a_setting "$name" && continue
        [ -n "${!name}" ] || continue
        setting=$(env_to_setting "$name")
        if [[ $setting =~ ^[0-9] ]]; then
            echo "WARNING: $name not written to neo4j.conf: settings cannot start with a digit" >&2
            continue
        fi
        set_setting "$setting" "${!name}"
    done
}

# conf_value KEY: the value of KEY in neo4j.conf (last one wins), empty if absent.
conf_value() {
    awk -v prefix="$1=" 'index($0, prefix) == 1 { v = substr($0, length(prefix) + 1) } END { print v }' "$CONF"
}

# jvm_size VALUE: a Neo4j byte size (512m, 2g, 1GiB, 1024MB, 2048k) as a JVM size (512m, 2g, 1g, 1024m, 2048k).
jvm_size() {
    if [[ $1 =~ ^([0-9]+)[[:space:]]*([kKmMgG])?([iI]?[bB])?$ ]]; then
        local unit=${BASH_REMATCH[2],,}
        printf '%s%s' "${BASH_REMATCH[1]}" "$unit"
    else
        fail "memory size '$1' is not understood; write it as a number with k, m or g (e.g. 512m, 2g)"
    fi
}

# The server.jvm.additional set of the Neo4j 5.26 tarball (generated from hotspot_kg.server.conf at build time),
# followed by heap sizes and any server.jvm.additional lines of neo4j.conf.
jvm_options() {
    JVM_OPTS=()
    local line initial max extras
    while IFS= read -r line; do
        if [[ -n $line && $line != \#* ]]; then JVM_OPTS+=("$line"); fi
    done <"$JVM_OPTIONS_FILE"
    initial=$(conf_value server.memory.heap.initial_size)
    max=$(conf_value server.memory.heap.max_size)
    if [ -n "$initial" ]; then JVM_OPTS+=("-Xms$(jvm_size "$initial")"); fi
    if [ -n "$max" ]; then JVM_OPTS+=("-Xmx$(jvm_size "$max")"); fi
    # $(...), not <(...): a process substitution would leave a zombie behind java, which runs as pid 1.
    extras=$(awk 'index($0, "server.jvm.additional=") == 1 { print substr($0, 23) }' "$CONF")
    while IFS= read -r line; do
        if [ -n "$line" ]; then JVM_OPTS+=("$line"); fi
    done <<<"$extras"
}

# Run as the neo4j user when started as root (the default); as whoever we are otherwise (podman run --user).
drop_privileges() {
    AS_NEO4J=()
    if [ "$(id -u)" = 0 ]; then
        local dir
        for dir in /data /logs /import "$NEO4J_HOME/run" "$CONF_DIR"; do
            # Fresh named volumes belong to root: hand them over (skipped when already owned, fast restarts).
            [ "$(stat -c %u "$dir")" = "$NEO4J_UID" ] || chown -R "$NEO4J_UID:$NEO4J_UID" "$dir"
        done
        AS_NEO4J=(setpriv --reuid="$NEO4J_UID" --regid="$NEO4J_UID" --init-groups --)
    fi
}

setup_auth() {
    local auth=${NEO4J_AUTH:-}
    case "$auth" in
        "") ;; # like the official image: user neo4j, password neo4j, to be changed at the first login
        none) set_setting dbms.security.auth_enabled false ;;
        */*)
            local user=${auth%%/*} password=${auth#*/}
            [ "$user" = neo4j ] || fail "NEO4J_AUTH user must be neo4j (got '$user'): set NEO4J_AUTH=neo4j/PASSWORD"
            [ "$password" != neo4j ] || fail "NEO4J_AUTH: the password must not be 'neo4j'; choose another one"
            [ "${#password}" -ge 8 ] || fail "NEO4J_AUTH: the password must have at least 8 characters"
            set_setting dbms.security.auth_enabled true
            if [ ! -e /data/dbms/auth.ini ] && [ ! -d /data/databases/system ]; then
                "${AS_NEO4J[@]}" neo4j-admin dbms set-initial-password "$password" >/dev/null ||
                    fail "setting the initial password failed (see the lines above)"
            fi
            ;;
        *) fail "NEO4J_AUTH must be none or neo4j/PASSWORD (got a value without '/')" ;;
    esac
}

main() {
    if [ "${1:-neo4j}" != neo4j ]; then
        exec "$@"
    fi
    [ -n "${NEO4J_PLUGINS:-}" ] && echo "NEO4J_PLUGINS ignored: Graph Data Science is built into this image" >&2
    write_conf
    jvm_options # first: a bad heap size is reported before any JVM runs
    drop_privileges
    setup_auth
    cd "$NEO4J_HOME"
    exec "${AS_NEO4J[@]}" "$JAVA_HOME/bin/java" "${JVM_OPTS[@]}" \
        -cp "$NEO4J_HOME/plugins/*:$CONF_DIR/*:$NEO4J_HOME/lib/*" \
        org.neo4j.server.CommunityEntryPoint --home-dir="$NEO4J_HOME" --config-dir="$CONF_DIR" --console-mode
}

# Sourced (by the unit tests), it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
