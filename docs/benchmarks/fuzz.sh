#!/usr/bin/env bash
# Fuzzes every Jazzer target with coverage guidance, INPUTS inputs each (default 100,000), and measures how much
# of the code the same number of blind random inputs reaches, in the fuzzer's own unit (libFuzzer's cov: edges
# and ft: features of the instrumented dev.covenant classes). docs/benchmarks.md records a run.
#
#   docs/benchmarks/fuzz.sh                     # all targets, 100,000 inputs each, with the random baseline
#   INPUTS=20000 docs/benchmarks/fuzz.sh PactsFuzzTest#anyBytesAreReadAsAPactOrRefused
#   BASELINE=0 docs/benchmarks/fuzz.sh          # coverage-guided runs only
#   MAX_TOTAL_TIME=3000 docs/benchmarks/fuzz.sh …  # stop each coverage-guided run after 3000 s (default 7200)
#   GUIDED=0 docs/benchmarks/fuzz.sh …          # the random baseline only
#
# One Maven run (one JVM) per target: Jazzer fuzzes one @FuzzTest per run. Each coverage-guided run starts from
# the target's seed inputs (src/test/resources/.../<Class>Inputs/<method>/) and its dictionary; its generated
# corpus goes to a temporary directory (printed), never into the source tree. A finding fails the run and is
# written next to the seed inputs by Jazzer (crash-<sha1>): keep it there, it becomes a regression input. The
# run goes on after a finding (KEEP_GOING distinct findings, default 1000), so each target gets its INPUTS.
# The random baseline writes INPUTS random inputs (for byte[] targets: random bytes, a soup of the dictionary's
# tokens, or 1-8 random edits of a seed input, a third each; for FuzzedDataProvider targets: random bytes, which
# the target turns into random structures) and has libFuzzer execute them once (-runs=0): its INITED line is the
# coverage they reach, with the same seeds and instrumentation as the coverage-guided run.
# The per-input time limit (60 s) is in each target (assertTimeoutPreemptively): an input that takes longer fails as
# a finding, in fuzzing and in the regression run alike.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
INPUTS="${INPUTS:-100000}"
MAX_TOTAL_TIME="${MAX_TOTAL_TIME:-7200}"
BASELINE="${BASELINE:-1}"
GUIDED="${GUIDED:-1}"
WORK="${WORK:-$(mktemp -d -t covenant-fuzz-XXXXXX)}"
ENGINE_DICTS=contract-testing/engine/src/test/resources/dev/covenant/contract/fuzz
QUERY_DICT=registry/src/test/resources/dev/covenant/registry/fuzz/query.dict
# module, test, input kind (bytes: the input is the document/query; data: a FuzzedDataProvider), dictionary
ALL=(
  "contract-testing/engine OpenApiDocumentsFuzzTest#anyInputIsParsedOrRefusedWithReasons bytes $ENGINE_DICTS/openapi.dict"
  "contract-testing/engine PactsFuzzTest#anyBytesAreReadAsAPactOrRefused bytes $ENGINE_DICTS/pact.dict"
  "contract-testing/engine PactsFuzzTest#anyJsonTreeIsReadAsAPactOrRefused data -"
  "contract-testing/engine StubFuzzTest#anyRequestIsAnsweredWithADocumentedResponseOrAProblem data -"
  "contract-testing/engine StubFuzzTest#anyProviderResponseIsCheckedWithFindings data -"
  "registry SelectorParserFuzzTest#anySelectorsAreReadOrExplained data -"
  "registry MatrixQueryParserFuzzTest#anyQueryStringIsParsedWithinLimitsOrRefused bytes $QUERY_DICT"
  "registry QueryHttpFuzzTest#matrixNeverAnswersWithAServerError bytes $QUERY_DICT"
  "registry QueryHttpFuzzTest#canIDeployNeverAnswersWithAServerError bytes $QUERY_DICT"
)

cd "$ROOT"
echo "work directory: $WORK" >&2
# Compile once; the runs below are offline and only re-run surefire.
mvn -B -ntp -o -q -pl registry -am test-compile -Dexec.skip=true >&2

# Runs one target with Jazzer fuzzing; extra libFuzzer arguments follow the module and test.
jazzer() {
  local module="$1" test="$2"; shift 2
  local args=() i=1
  args+=("-Djazzer.internal.arg.0=fuzz" "-Djazzer.keep_going=${KEEP_GOING:-1000}")
  for a in "$@"; do args+=("-Djazzer.internal.arg.$i=$a"); i=$((i + 1)); done
  JAZZER_FUZZ=1 mvn -B -ntp -o -q -pl "$module" -am test -Dexec.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest="$test" "${args[@]}" 2>&1
}

# The seed inputs of a target.
inputs_dir() { # module class method
  find "$ROOT/$1/src/test/resources" -type d -path "*/$2Inputs/$3" | head -1
}

# Writes $3 random inputs for a target of kind $2 into directory $1 (seeds: $4, dictionary: $5).
random_inputs() {
  python3 - "$@" <<'PY'
import os, random, sys, re
out, kind, count, seeds_dir, dict_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
rnd = random.Random(17)
seeds = [open(os.path.join(seeds_dir, f), 'rb').read() for f in sorted(os.listdir(seeds_dir))] if seeds_dir else []
tokens = []
if dict_path and os.path.exists(dict_path):
    for line in open(dict_path, encoding='utf-8'):
        m = re.match(r'^"(.*)"\s*$', line.strip())
        if m:
            tokens.append(m.group(1).encode('latin-1', 'backslashreplace').decode('unicode_escape').encode('latin-1'))
specials = list(b'{}[]:"\'&*!-\n \t#$%\\') + [0]
def random_bytes():
    return bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 4096 if kind == 'bytes' else 512)))
def soup():
    return b''.join(rnd.choice(tokens) for _ in range(rnd.randint(0, 200))) if tokens else random_bytes()
def edits():
    if not seeds:
        return random_bytes()
    text = bytearray(rnd.choice(seeds))
    for _ in range(rnd.randint(1, 8)):
        at = int(rnd.random() * len(text))
        what = rnd.choice(specials) if rnd.random() < 0.5 else rnd.randint(32, 126)
        k = rnd.randint(0, 3)
        if k == 0 and at < len(text): del text[at]
        elif k == 1: text.insert(at, what)
        elif k == 2 and at < len(text): text[at] = what
        elif k == 3: del text[at:]
    return bytes(text)
os.makedirs(out, exist_ok=True)
for n in range(count):
    make = random_bytes if kind == 'data' else rnd.choice([random_bytes, soup, edits])
    with open(os.path.join(out, 'r%06d' % n), 'wb') as f:
        f.write(make())
PY
}

# Prints: target | inputs | cov | ft | corpus | seconds | exec/s | outcome
report() { # label log
  local done_line; done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)' "$2" | tail -1 || true)
  local secs; secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$2" | grep -oE '[0-9]+ second' | grep -oE '[0-9]+' || echo "?")
  local outcome="ok"
  grep -qE 'ERROR|FAILURE|==[0-9]+== ERROR|Java Exception|Tests run:.*Failures: [1-9]|Tests run:.*Errors: [1-9]' "$2" && outcome="FAILED (see $2)"
  echo "| $1 | $(echo "$done_line" | grep -oE '^#[0-9]+' | tr -d '#') | $(echo "$done_line" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+') | $(echo "$done_line" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+') | $(echo "$done_line" | grep -oE 'corp: [0-9]+' | grep -oE '[0-9]+') | $secs | $(echo "$done_line" | grep -oE 'exec/s: [0-9]+' | grep -oE '[0-9]+') | $outcome |"
}

echo "| target | mode | inputs run | cov (edges) | ft (features) | corpus | seconds | exec/s | outcome |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
for entry in "${ALL[@]}"; do
  read -r module test kind dict <<<"$entry"
  if [ $# -gt 0 ] && [[ " $* " != *" $test "* ]]; then continue; fi
  class="${test%#*}"; method="${test#*#}"
  seeds="$(inputs_dir "$module" "$class" "$method")"
  [ "$dict" = "-" ] && dict="" || dict="$ROOT/$dict"
  name="${class}_${method}"
  mkdir -p "$WORK/$name/corpus"
  if [ "$GUIDED" = "1" ]; then
    jazzer "$module" "$test" "$WORK/$name/corpus" "-runs=$INPUTS" "-max_total_time=$MAX_TOTAL_TIME" >"$WORK/$name/fuzz.log" || true
    report "\`$test\`" "$WORK/$name/fuzz.log" | sed 's/^| \([^|]*\) |/| \1 | coverage-guided |/'
  fi
  if [ "$BASELINE" = "1" ]; then
    random_inputs "$WORK/$name/random" "$kind" "$INPUTS" "$seeds" "$dict"
    jazzer "$module" "$test" "$WORK/$name/random" "-runs=0" "-max_len=8192" >"$WORK/$name/random.log" || true
    report "\`$test\`" "$WORK/$name/random.log" | sed 's/^| \([^|]*\) |/| \1 | random (executed once) |/'
    rm -rf "$WORK/$name/random"
  fi
done
