#!/usr/bin/env python3
"""Technique-level efficacy on Security-Datasets (OTRF, technique-labelled).

usage: efficacy_techniques.py ALERTS.jsonl SECURITY_DATASETS_DIR

A file counts when an alert from it carries the file's technique, either in
attack.techniques or in attack.earlier_ids (the same technique under an
ATT&CK 18-or-earlier ID). A second column also accepts the parent or a
sub-technique of the label (T1055 labelled, T1055.001 alerted)."""
import csv, json, re, sys, collections

alerts, base = sys.argv[1], sys.argv[2].rstrip('/') + '/'
ids = collections.defaultdict(set)
for line in open(alerts):
    a = json.loads(line)
    at = a.get('attack', {})
    ids[a['source']['path']].update(at.get('techniques', []) + at.get('earlier_ids', []))

rows = list(csv.DictReader(open(base + 'index.csv')))
exact = family = 0
print('| dataset | label | format | alert with the label | label or parent/sub | techniques alerted |')
print('|---|---|---|---|---|---|')
for r in rows:
    labels = re.findall(r'T\d{4}(?:\.\d{3})?', r['techniques'])
    got = ids.get(base + r['file'], set())
    e = any(l in got for l in labels)
    f = any(l.split('.')[0] == g.split('.')[0] for l in labels for g in got)
    exact += e
    family += f
    shown = ', '.join(sorted(got)[:6]) + (' …' if len(got) > 6 else '')
    print(f"| {r['dataset_id']} | {' '.join(labels)} | {r['format']} | {'yes' if e else '-'} | {'yes' if f else '-'} | {shown} |")
n = len(rows)
print(f'| **all** | | | **{exact}/{n} ({100*exact/n:.0f}%)** | **{family}/{n} ({100*family/n:.0f}%)** | |')
