# t-cli.sh: the command line's shape: help, version, usage errors, exit codes.
. tests/cli/lib.sh

run --version
expect_rc 0 "--version exits 0"
expect_out "waymark " "--version prints the name"
run version
expect_out "waymark " "version command"

run help
expect_rc 0 "help exits 0"
for c in help version kb; do
	expect_out "    $c " "help lists $c"
done

run
expect_rc 2 "no command is a usage error"

run frobnicate
expect_rc 2 "unknown command exits 2"
expect_err "waymark: 'frobnicate' is not a waymark command" "unknown command message"

run --bogus kb list
expect_rc 2 "unknown global option exits 2"

run kb --help
expect_rc 0 "kb --help exits 0"
expect_out "usage: waymark kb list" "kb --help shows usage"
run help kb
expect_out "waymark kb search TEXT" "help kb shows usage"

run kb list --frob
expect_rc 2 "unknown option exits 2"
expect_err "see 'waymark kb --help'" "usage error says where to look"

run kb show --limit 3 x
expect_rc 2 "option not taken by the action"
expect_err "does not take --limit" "option not taken is named"

run kb search x --limit many
expect_rc 2 "bad --limit value"
expect_err "expected a whole number" "bad --limit explained"

# every command's usage is in the man page and the completion
for c in $("$WAYMARK" help | sed -n 's/^    \([a-z-]*\) .*/\1/p'); do
	if grep -q "^\.SS \"\{0,1\}waymark $c" docs/waymark.1; then pass "man page documents $c"
	else fail "man page documents $c"; fi
	if grep -q "$c" contrib/completion/waymark.bash; then pass "completion knows $c"
	else fail "completion knows $c"; fi
done

# errors are lower case and prefixed
run kb show no.such.id
expect_rc 4 "unknown id exits 4 (not found)"
expect_err "waymark: no element 'no.such.id'" "not-found message"

# colour only on a terminal: output here is a pipe
NO_COLOR= run kb list
if grep -q "$(printf '\033')" "$OUT"; then fail "no escape codes when not a TTY"; else pass "no escape codes when not a TTY"; fi

# options are spelled in full; bad ones are named
run kb list --jso
expect_rc 2 "an abbreviated option is refused"
expect_err "spell the option in full, '--json'" "and the full name is given"
run kb list -q
expect_err "unknown option '-q'" "a short option is named"
run --db "" kb list
expect_rc 2 "an empty --db is refused"
run kb list --db ""
expect_rc 2 "an empty --db is refused after the command too"
run kb search x --limit 99999999999999999999999
expect_rc 2 "an overflowing number is a usage error"

done_testing
