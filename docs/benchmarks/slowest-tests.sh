#!/usr/bin/env bash
# Lists the slowest test classes of the last `mvn verify` in this checkout (Surefire and Failsafe XML reports),
# with their time, test count and module. Usage: docs/benchmarks/slowest-tests.sh [N] (default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 - "${1:-10}" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
rows = []
for f in glob.glob('**/target/*-reports/TEST-*.xml', recursive=True):
    try:
        r = ET.parse(f).getroot()
    except ET.ParseError:
        continue
    module = f.split('/target/')[0]
    rows.append((float(r.get('time', '0')), r.get('name').rsplit('.', 1)[-1], int(r.get('tests', '0')), module))
if not rows:
    sys.exit('no test reports under */target: run the README test command first')
rows.sort(reverse=True)
total = sum(r[0] for r in rows)
print(f'{len(rows)} test classes, {sum(r[2] for r in rows)} tests, {total:.0f} s in test classes\n')
print('| test class | module | tests | time s |')
print('|---|---|---:|---:|')
for t, name, n, module in rows[:int(sys.argv[1])]:
    print(f'| `{name}` | {module} | {n} | {t:.1f} |')
PY
