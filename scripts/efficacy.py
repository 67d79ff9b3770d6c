#!/usr/bin/env python3
"""Tactic efficacy over EVTX-ATTACK-SAMPLES.

Reads vigil's JSON-lines alerts and the samples' index.csv, and prints a
markdown table: per tactic folder, how many files raised at least one alert
carrying that folder's tactic (v19 names: Defense Evasion counts as stealth or
defense-impairment). Folders without a tactic (Other, AutomatedTestingTools)
count files with any alert.

usage: scripts/efficacy.py ALERTS.jsonl SAMPLES_DIR
"""
import csv
import json
import os
import sys
from collections import defaultdict

FOLDER_TACTICS = {
    "Command and Control": {"command-and-control"},
    "Credential Access": {"credential-access"},
    "Defense Evasion": {"stealth", "defense-impairment", "defense-evasion"},
    "Discovery": {"discovery"},
    "Execution": {"execution"},
    "Lateral Movement": {"lateral-movement"},
    "Persistence": {"persistence"},
    "Privilege Escalation": {"privilege-escalation"},
}


def main(alerts_path, samples):
    tactics_by_file = defaultdict(set)
    alerts_by_file = defaultdict(int)
    with open(alerts_path) as f:
        for line in f:
            a = json.loads(line)
            path = os.path.relpath(a["source"]["path"], samples)
            alerts_by_file[path] += 1
            tactics_by_file[path].update(a["attack"]["tactics"])
    files = defaultdict(list)
    with open(os.path.join(samples, "index.csv")) as f:
        for row in csv.DictReader(f):
            files[row["tactic_folder"]].append(row["path"])
    print("| tactic folder | files | files with an alert of that tactic | share | files with any alert |")
    print("|---|---|---|---|---|")
    tot_files = tot_hit = 0
    for folder in sorted(files):
        paths = files[folder]
        want = FOLDER_TACTICS.get(folder)
        anyhit = sum(1 for p in paths if alerts_by_file[p] > 0)
        if want is None:
            print(f"| {folder} | {len(paths)} | (no tactic label) | | {anyhit} |")
            continue
        hit = sum(1 for p in paths if tactics_by_file[p] & want)
        tot_files += len(paths)
        tot_hit += hit
        print(f"| {folder} | {len(paths)} | {hit} | {100*hit/len(paths):.0f}% | {anyhit} |")
    print(f"| **all labelled folders** | {tot_files} | {tot_hit} | {100*tot_hit/tot_files:.0f}% | |")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
