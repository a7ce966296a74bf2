"""Floors on chat understanding, end to end through the offline conversation, per set and per language.

- dev: the set tuning looks at (tests/chat/devset.jsonl);
- held-out: written blind after tuning stopped and committed before its first run (tests/chat/heldout.jsonl);
- v1: the previous held-out set, looked at while tuning, so it no longer certifies anything; kept as a third
  regression set (tests/chat/heldout_v1.jsonl);
- held-out v3: written blind after issue 12's first tuning (tests/chat/heldout_v3.jsonl, today 2026-11-30 as in
  the others). Its first run missed the targets; its kinds of misses (never its sentences) then went into the dev
  set as new wordings, so it too is now a regression set, and the next blind set certifies the targets.
- held-out v4: written blind after round 4 (tests/chat/heldout_v4.jsonl; each conversation has its own "today",
  some a pair on file). Its first run missed the targets; its kinds of misses then went into the dev set as new
  wordings (round 5), so it is a regression set now too.
- held-out v5: written blind after round 5 (tests/chat/heldout_v5.jsonl, the same way, by another writer). Its
  kinds of misses then went into the dev set as new wordings (round 6, issue 12), so it is no longer blind and is
  a regression set now too; its first-run figures are kept below.
- held-out v6: written blind after round 7 (tests/chat/heldout_v6.jsonl, by a fourth writer, committed before its
  first run). Its kinds of misses were then described to round 8, so it is a regression set now too.
- held-out v7: written blind after round 8 (tests/chat/heldout_v7.jsonl, by a fifth writer, committed before its
  first run). Its kinds of misses were then described to round 9, so it is a regression set now too.
- held-out v8: written blind after round 9 (tests/chat/heldout_v8.jsonl, by a sixth writer, committed before its
  first run): the newest blind set; its floors sit one turn under that first run.

Each floor sits just under what its set measured (half a conversation turn below), so one more miss fails the
test. When a change moves a number on purpose, measure again with `companion eval-chat --dataset FILE` and write
the new floor here; never lower a held-out floor to make a tuning change pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.chat.evaluation import DEFAULT_CHAT_DATASET, evaluate_chat, load_dialogues
from companion.chat.setup import conversation_for
from companion.config import REPO_ROOT
from companion.services import Services

HELDOUT = REPO_ROOT / "tests" / "chat" / "heldout.jsonl"
HELDOUT_V1 = REPO_ROOT / "tests" / "chat" / "heldout_v1.jsonl"
HELDOUT_V3 = REPO_ROOT / "tests" / "chat" / "heldout_v3.jsonl"
HELDOUT_V4 = REPO_ROOT / "tests" / "chat" / "heldout_v4.jsonl"
HELDOUT_V5 = REPO_ROOT / "tests" / "chat" / "heldout_v5.jsonl"
HELDOUT_V6 = REPO_ROOT / "tests" / "chat" / "heldout_v6.jsonl"
HELDOUT_V7 = REPO_ROOT / "tests" / "chat" / "heldout_v7.jsonl"
HELDOUT_V8 = REPO_ROOT / "tests" / "chat" / "heldout_v8.jsonl"
HELDOUT_V9 = REPO_ROOT / "tests" / "chat" / "heldout_v9.jsonl"
HELDOUT_V10 = REPO_ROOT / "tests" / "chat" / "heldout_v10.jsonl"
HELDOUT_V11 = REPO_ROOT / "tests" / "chat" / "heldout_v11.jsonl"
HELDOUT_V12 = REPO_ROOT / "tests" / "chat" / "heldout_v12.jsonl"
HELDOUT_V13 = REPO_ROOT / "tests" / "chat" / "heldout_v13.jsonl"
HELDOUT_V14 = REPO_ROOT / "tests" / "chat" / "heldout_v14.jsonl"
HELDOUT_V15 = REPO_ROOT / "tests" / "chat" / "heldout_v15.jsonl"
SETS: dict[str, Path] = {
    "dev": DEFAULT_CHAT_DATASET,
    "held-out": HELDOUT,
    "v1": HELDOUT_V1,
    "v3": HELDOUT_V3,
    "v4": HELDOUT_V4,
    "v5": HELDOUT_V5,
    "v6": HELDOUT_V6,
    "v7": HELDOUT_V7,
    "v8": HELDOUT_V8,
    "v9": HELDOUT_V9,
    "v10": HELDOUT_V10,
    "v11": HELDOUT_V11,
    "v12": HELDOUT_V12,
    "v13": HELDOUT_V13,
    "v14": HELDOUT_V14,
    "v15": HELDOUT_V15,
}

# Measured 2026-11-27 after issue 12 (the test index cache, updated in place with the changed cards; CI builds it
# fresh, where a few borderline sections rank differently), so floors keep about one turn of margin:
#   dev       en 1.0 / .99 / 1.0 / 1.0 / 1.0       it 1.0 / .989 / 1.0 / 1.0 / 1.0
#   held-out  en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it .982 / .968 / 1.0 / 1.0 / 1.0
#   v1        en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / .968 / 1.0 / 1.0 / 1.0
# Before issue 12 the held-out set measured en .945 / .903 / 1.0 / 1.0 / .833, it .927 / .871 / 1.0 / .909 / .917.
# Its kinds of misses (not its sentences) were described to the tuning for issue 12, so it is no longer blind.
# v3, blind, first run: en .878 / .914 / .98 / .889 / .643, it .832 / .886 / .961 / .861 / .643; after the second
# round of tuning (its kinds of misses described, not its sentences):
#   v3        en .962 / .943 / 1.0 / 1.0 / .857    it .939 / .929 / 1.0 / 1.0 / .929
# Round 4 (general mechanisms for the kinds of misses described, 96 new dev conversations; the test index cache
# re-ingested with the changed cards), 2026-11-27:
#   dev       en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
#   v3        en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / .986 / 1.0 / 1.0 / 1.0
#   held-out  en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it .982 / 1.0 / 1.0 / 1.0 / 1.0
#   v1        en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / .968 / 1.0 / 1.0 / 1.0
# v4, blind, first run: en .89 / .886 / .981 / .895 / .667, it .926 / .873 / .981 / 1.0 / .833. Round 5 (general
# mechanisms for its kinds of misses, 39 new dev conversations in other wordings; cards re-ingested), 2026-11-27:
#   dev       en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
#   v4        en 1.0 / .987 / 1.0 / 1.0 / 1.0      it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
#   v3        en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / .986 / 1.0 / 1.0 / 1.0
#   held-out  en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it .982 / 1.0 / 1.0 / 1.0 / 1.0
#   v1        en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
# v5, blind, first run (after round 5), 2026-11-27:
#   v5        en .912 / .91 / .98 / 1.0 / .733     it .86 / .897 / .979 / 1.0 / .70
# Round 6 (issue 12: general mechanisms for v5's kinds of misses, 16 new dev conversations in other wordings; no
# card re-ingest), 2026-11-27:
#   v5        en 1.0 / .923 / .98 / 1.0 / 1.0      it .985 / .923 / .979 / 1.0 / .967
# v5's kinds of misses (not its sentences) were described to that tuning, so v5 is no longer blind.
# Round 7 (issue 12: generalisation; mechanisms tuned on the A half of a 172-conversation probe set written first,
# 84 of its conversations added to dev; the B half kept out of the repo and run once at the end), 2026-11-27:
#   dev       en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
#   v5        en 1.0 / .936 / 1.0 / 1.0 / 1.0      it .985 / .936 / 1.0 / 1.0 / 1.0
#   v3, v4, held-out, v1 as in round 5
#   probe A (tuned on)  before en .743 / .738 / .818 / 1.0 / .524   it .792 / .81 / .829 / 1.0 / .565
#                       after  en .986 / .976 / 1.0 / 1.0 / 1.0     it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
#   probe B (blind)     before en .789 / .81 / .824 / 1.0 / .545    it .783 / .81 / .812 / 1.0 / .50
#                       after  en .93 / .976 / 1.0 / 1.0 / .773     it .899 / .952 / 1.0 / 1.0 / .80
# v6, blind, first run (after round 7; written by a fourth writer, today between 2027-07-05 and 2027-12-17), 2026-11-27:
#   v6        en .855 / .802 / .979 / .85 / .667   it .956 / .95 / .98 / 1.0 / 1.0
# Round 8 (issue 12: a plan without a length gets the usual 60 minutes instead of a question; general mechanisms
# for v6's kinds of misses, described in words; tuned on the A half of a 146-conversation probe set written
# first, 61 of its conversations added to dev; B kept out of the repo and run once at the end), 2026-11-27:
#   dev       en 1.0 / 1.0 / 1.0 / 1.0 / 1.0       it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
#   v5, v4, v3, held-out, v1 as in round 7 (v5 en/it topic .936; held-out it intent .982; v3 it topic .986;
#   v4 en topic .987); v5's one borderline exercise turn (a goal left with no topic word) hits or misses with
#   the order turns run in, so its topic floor keeps its margin
#   probe A (tuned on)  before en .627 / .45 / .64 / .714 / .091    it .70 / .643 / .571 / 1.0 / .20
#                       after  en 1.0 / .975 / 1.0 / 1.0 / 1.0      it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
#   probe B (blind)     before en .678 / .50 / .615 / .50 / 0.0     it .632 / .481 / .462 / .667 / .10
#                       after  en .983 / .925 / 1.0 / .875 / 1.0    it .974 / .963 / 1.0 / 1.0 / .90
#   three of B's misses, of kinds the brief names, were then fixed, so B is no longer blind either
# v6 after round 8 (its kinds of misses described in words, its sentences never shown), 2026-11-27:
#   v6        en .993 / .963 / 1.0 / 1.0 / .939    it .978 / 1.0 / 1.0 / 1.0 / 1.0
# v7, blind, first run (after round 8; a fifth writer, today between 2028-01-10 and 2028-06-30), 2026-11-27:
#   v7        en .956 / .961 / 1.0 / 1.0 / .867    it .97 / .986 / 1.0 / 1.0 / .967
# Then two closings it read as requests ("cheers" or "grazie" with a friendly word or "for now") were fixed by their
# kind (closing words), so v7 is looked at for them: en intent .963, it .978.
# Round 9 (v7's kinds of misses described in words; tuned on the A half of a 136-conversation probe set, B run once
# at the end: en .946 / .969 / 1.0 / - / .812, it .976 / 1.0 / 1.0 / - / .769; 21 conversations added to dev):
#   v7        en 1.0 / .987 / 1.0 / 1.0 / 1.0      it 1.0 / .986 / 1.0 / 1.0 / .967
#   v5 it intent .993, topic .949; the other sets as in round 8
# v8, blind, first run (after round 9; a sixth writer, today between 2028-07-03 and 2028-12-15), 2026-11-27:
#   v8        en .928 / .947 / 1.0 / .963 / .788   it .884 / .907 / .979 / .963 / .758
# Rounds 10 and 11 and the integrator's mechanisms (v8's kinds of misses described in words; round 10 tuned on the A
# half of its own probe set, B run once: intent en .655 -> .897, it .621 -> .897, revision 1.0; round 11 tuned on
# C, D run once: intent .906 -> .969 in both), 2026-11-27:
#   v8        en 1.0 / .987 / 1.0 / 1.0 / 1.0     it 1.0 / 1.0 / 1.0 / 1.0 / 1.0
#   v5 en topic .974, it .993 / .974; v7 en topic 1.0; the other sets as in round 9
# v9, blind, first run (after round 11; a seventh writer, today between 2029-01-08 and 2029-06-15), 2026-11-27:
#   v9        en .928 / .938 / .98 / 1.0 / .839    it .92 / .937 / 1.0 / 1.0 / .867
# Round 12 (v9's kinds of misses described in words; tuned on probe set E, F run once at the end: intent en .667 ->
# .815, it .704 -> .963, revision en .429 -> .714, it .143 -> 1.0; 50 conversations added to dev), 2026-11-27:
#   v6 en topic .963 -> .975; dev and every other set as before
# v9 after round 12 (its kinds of misses described, never its sentences), 2026-11-27:
#   v9        en 1.0 / .988 / 1.0 / 1.0 / .968     it .964 / .987 / 1.0 / 1.0 / .967
# v10, blind, first run (after round 12; an eighth writer, today between 2029-07-02 and 2029-12-14), 2026-11-27:
#   v10       en .97 / .961 / 1.0 / 1.0 / .967     it .909 / .909 / 1.0 / 1.0 / .867
# Round 13 (v10's kinds of misses described in words, mostly Italian; tuned on probe set G; its other half H was
# run once but its misses were seen by mistake; 19 conversations added to dev), 2026-11-27:
#   v10       en 1.0 / .974 / 1.0 / 1.0 / 1.0      it .985 / .922 / 1.0 / 1.0 / .933
#   dev and every other set as before
# v11, blind, first run (after round 13; a ninth writer, today between 2030-01-07 and 2030-06-14), 2026-11-27:
#   v11       en .955 / .921 / 1.0 / .967 / .80    it .948 / .974 / 1.0 / 1.0 / .933
# Then five of its misses were looked at and fixed by kind (a cut to a length is no drop, shorter to the length the
# reason names, a day turned down is no date, "less X more Y" without a comma, homework as the reason for a
# format change), so v11 is no longer blind for them:
#   v11       en .963 / .921 / 1.0 / 1.0 / .933    it .948 / .974 / 1.0 / 1.0 / .967
# Round 14 (v11's kinds of misses described in words, in two parts: intent, and revisions with topics; each tuned on
# its own probe set and ran its other half once; 102 conversations added to dev), then the integrator's named level
# and "the last one was..." (2026-11-27):
#   v11       en .993 / .987 / 1.0 / 1.0 / .933    it .978 / 1.0 / 1.0 / 1.0 / 1.0
# v12, blind, first run (after round 14; a tenth writer, today between 2030-06-17 and 2030-11-27), 2026-11-27:
#   v12       en .926 / .947 / 1.0 / 1.0 / .767    it .94 / .962 / 1.0 / 1.0 / .933
# Round 15 (v12's kinds of misses described, again in two parts; the brief quoted some of v12's sentences, so v12 is
# looked at, not just described; 94 conversations added to dev, the quoted sentences reworded), 2026-11-28:
#   v12       en .993 / .987 / 1.0 / 1.0 / .90     it .993 / 1.0 / 1.0 / 1.0 / 1.0
# v13, blind, first run (after round 15; an eleventh writer, today between 2031-01-06 and 2031-06-13), 2026-11-28:
#   v13       en .956 / .959 / 1.0 / 1.0 / .933    it 1.0 / .974 / 1.0 / 1.0 / .933   (every target, both languages)
# v14, blind, first run with no tuning since v13's (a twelfth writer, today between 2031-07-07 and 2031-12-12):
#   v14       en .935 / .974 / .982 / 1.0 / .903   it .957 / .987 / 1.0 / 1.0 / .935   (English intent 3 turns short)
# Round 16 (v13's and v14's kinds of misses described, in two parts; the briefs quoted a few of their sentences, so
# both are looked at; 94 conversations added to dev), 2026-11-28:
#   v13       en 1.0 / .986 / 1.0 / 1.0 / .967     it 1.0 / .987 / 1.0 / 1.0 / .933
#   v14       en .986 / .987 / 1.0 / 1.0 / 1.0     it .978 / 1.0 / 1.0 / 1.0 / .968
# v15, blind, first run (after round 16; a thirteenth writer, today between 2032-01-05 and 2032-06-11), 2026-11-28:
#   v15       en .964 / .964 / 1.0 / .927 / .967   it .95 / .964 / .982 / 1.0 / .933   (every target, both languages)
FLOORS: dict[str, dict[str, dict[str, float]]] = {
    "dev": {
        "en": {"intent": 0.996, "topic_hit": 0.99, "minutes": 0.99, "date": 0.98, "revision": 0.98},
        "it": {"intent": 0.996, "topic_hit": 0.99, "minutes": 0.99, "date": 0.98, "revision": 0.98},
    },
    "held-out": {
        "en": {"intent": 0.98, "topic_hit": 0.96, "minutes": 0.95, "date": 0.9, "revision": 0.91},
        "it": {"intent": 0.96, "topic_hit": 0.93, "minutes": 0.95, "date": 0.9, "revision": 0.91},
    },
    "v1": {
        "en": {"intent": 0.98, "topic_hit": 0.96, "minutes": 0.95, "date": 0.92, "revision": 0.91},
        "it": {"intent": 0.98, "topic_hit": 0.93, "minutes": 0.95, "date": 0.92, "revision": 0.9},
    },
    "v3": {
        "en": {"intent": 0.99, "topic_hit": 0.98, "minutes": 0.98, "date": 0.97, "revision": 0.96},
        "it": {"intent": 0.99, "topic_hit": 0.97, "minutes": 0.98, "date": 0.97, "revision": 0.96},
    },
    "v4": {  # one turn of margin: 136 intent, 79 topic, 52 minutes, 19 date and 30 revision turns per language
        "en": {"intent": 0.99, "topic_hit": 0.97, "minutes": 0.98, "date": 0.94, "revision": 0.96},
        "it": {"intent": 0.99, "topic_hit": 0.98, "minutes": 0.98, "date": 0.94, "revision": 0.96},
    },
    "v5": {  # one turn of margin: 136 intent, 78 topic, ~50 minutes, ~33 date and 30 revision turns per language
        "en": {"intent": 0.99, "topic_hit": 0.92, "minutes": 0.98, "date": 0.97, "revision": 0.96},
        "it": {"intent": 0.97, "topic_hit": 0.92, "minutes": 0.97, "date": 0.97, "revision": 0.96},
    },
    "v6": {  # one turn of margin: ~137 intent, ~80 topic, ~48 minutes, 20 date and ~32 revision turns per language
        "en": {"intent": 0.985, "topic_hit": 0.95, "minutes": 0.979, "date": 0.95, "revision": 0.909},
        "it": {"intent": 0.97, "topic_hit": 0.987, "minutes": 0.979, "date": 0.95, "revision": 0.968},
    },
    "v7": {  # one turn of margin: ~135 intent, ~75 topic, ~48 minutes, 20 date and 30 revision turns per language
        "en": {"intent": 0.992, "topic_hit": 0.974, "minutes": 0.979, "date": 0.95, "revision": 0.966},
        "it": {"intent": 0.992, "topic_hit": 0.972, "minutes": 0.979, "date": 0.95, "revision": 0.933},
    },
    "v8": {  # one turn of margin: ~138 intent, 75 topic, ~48 minutes, 27 date and 33 revision turns per language
        "en": {"intent": 0.992, "topic_hit": 0.973, "minutes": 0.979, "date": 0.962, "revision": 0.969},
        "it": {"intent": 0.992, "topic_hit": 0.986, "minutes": 0.978, "date": 0.962, "revision": 0.969},
    },
    "v9": {  # one turn of margin: ~138 intent, ~80 topic, ~52 minutes, ~33 date and ~30 revision turns per language
        "en": {"intent": 0.992, "topic_hit": 0.975, "minutes": 0.98, "date": 0.967, "revision": 0.935},
        "it": {"intent": 0.956, "topic_hit": 0.974, "minutes": 0.981, "date": 0.971, "revision": 0.933},
    },
    "v10": {  # one turn of margin: 132 intent, 77 topic, ~47 minutes, ~25 date and 30 revision turns per language
        "en": {"intent": 0.992, "topic_hit": 0.961, "minutes": 0.978, "date": 0.961, "revision": 0.966},
        "it": {"intent": 0.977, "topic_hit": 0.909, "minutes": 0.979, "date": 0.96, "revision": 0.9},
    },
    "v11": {  # one turn of margin: 134 intent, 76 topic, ~48 minutes, ~30 date and 30 revision turns per language
        "en": {"intent": 0.985, "topic_hit": 0.973, "minutes": 0.979, "date": 0.966, "revision": 0.9},
        "it": {"intent": 0.97, "topic_hit": 0.986, "minutes": 0.978, "date": 0.965, "revision": 0.966},
    },
    "v12": {  # one turn of margin: ~135 intent, ~77 topic, ~51 minutes, ~30 date and 30 revision turns per language
        "en": {"intent": 0.985, "topic_hit": 0.973, "minutes": 0.98, "date": 0.962, "revision": 0.866},
        "it": {"intent": 0.985, "topic_hit": 0.987, "minutes": 0.98, "date": 0.97, "revision": 0.966},
    },
    "v13": {  # one turn of margin: 136 intent, ~75 topic, ~50 minutes, 29 date and 30 revision turns per language
        "en": {"intent": 0.992, "topic_hit": 0.972, "minutes": 0.98, "date": 0.965, "revision": 0.933},
        "it": {"intent": 0.992, "topic_hit": 0.973, "minutes": 0.979, "date": 0.965, "revision": 0.9},
    },
    "v14": {  # one turn of margin: ~138 intent, ~76 topic, ~54 minutes, ~35 date and 31 revision turns per language
        "en": {"intent": 0.978, "topic_hit": 0.973, "minutes": 0.982, "date": 0.969, "revision": 0.967},
        "it": {"intent": 0.97, "topic_hit": 0.987, "minutes": 0.98, "date": 0.972, "revision": 0.935},
    },
    "v15": {  # one turn of margin: 140 intent, 83 topic, 56 minutes, ~43 date and 30 revision turns per language
        "en": {"intent": 0.957, "topic_hit": 0.951, "minutes": 0.982, "date": 0.902, "revision": 0.933},
        "it": {"intent": 0.942, "topic_hit": 0.951, "minutes": 0.964, "date": 0.977, "revision": 0.9},
    },
}


@pytest.mark.slow  # an evaluation: every turn of a set through the understanding and the planner
@pytest.mark.parametrize("name", list(SETS))
def test_understanding_keeps_its_floors(services: Services, name: str):
    misses: list[str] = []
    report = evaluate_chat(conversation_for(services), load_dialogues(SETS[name]), misses)
    assert set(report) == {"en", "it"}
    for lang, scores in report.items():
        for metric, floor in FLOORS[name][lang].items():
            assert scores[metric] is not None, (name, lang, metric)
            assert scores[metric] >= floor, (name, lang, metric, scores, misses)


def test_the_sets_are_big_enough_half_italian_and_apart():
    dev, heldout, v1 = (load_dialogues(SETS[name]) for name in ("dev", "held-out", "v1"))
    assert len(dev) >= 150
    assert len(heldout) >= 80
    for dialogues in (dev, heldout):
        assert abs(sum(d.lang == "it" for d in dialogues) - len(dialogues) / 2) <= 5
    first = [{d.turns[0].user for d in dialogues} for dialogues in (dev, heldout, v1)]
    assert not first[0] & first[1]
    assert not first[0] & first[2]
    assert not first[1] & first[2]


def test_heldout_v3_is_big_enough_half_italian_and_apart():
    v3 = load_dialogues(HELDOUT_V3)
    for lang in ("en", "it"):
        ids = [d.id for d in v3 if d.lang == lang]
        assert len(ids) >= 90, lang
        assert all(i.startswith(f"{lang}-v3-") for i in ids), lang
    assert len({d.id for d in v3}) == len(v3)
    first = {d.turns[0].user for d in v3}
    assert len(first) == len(v3)
    for name in ("dev", "held-out", "v1"):
        assert not first & {d.turns[0].user for d in load_dialogues(SETS[name])}, name


# Sentences a later blind set may share with the earlier ones: greetings and one-word revisions ("help",
# "shorter") recur anywhere and are not checked (under five words); beyond them, only these.
SHARED_BEFORE = {
    # two questions already in the dev set before v4 was written
    "v4": {"quanto dovrebbe durare idealmente una sessione?", "a cosa serve questa app?"},
    # two stock sentences both blind writers wrote (same brief, neither saw the other's set)
    "v5": {"grazie per il piano di ieri, e andata benissimo!", "plan the next one pls"},
    "v6": set(),
    # a stock help question the v6 and v7 writers both wrote (neither saw the other's set)
    "v7": {"what kind of stuff can I ask you?"},
    # the stock request the v4 and v5 writers also wrote
    "v8": {"plan the next one pls"},
    # a greeting with the shortest plan request, which the v8 writer wrote too
    "v9": {"ciao, mi prepari la prossima?"},
    # the stock request the v4, v5 and v8 writers also wrote, and a question about the assistant v8's writer wrote
    "v10": {"plan the next one pls", "are you a bot or a real person?"},
    "v11": set(),
    "v12": set(),
    # stock requests, help questions and worries earlier writers also wrote (same brief, none saw another's set)
    "v13": {
        "plan the next one pls, same as usual",
        "e dei compiti per casa?",
        "how do I use this thing",
        "are you a bot or a person",
        "mi dai anche qualche esercizio da farle fare a casa?",
        "ogni quanto conviene vedersi? una volta a settimana e troppo?",
        "what if he gets defensive when I correct him? he's 30 years older than me",
    },
    # a one-line level-down request the v3 writer also wrote
    "v14": {"troppo difficile per lui, semplifica"},
    # a question about the assistant the v8 and v10 writers wrote, a question about KPIs v11's, a drop v5's
    "v15": {
        "are you a bot or a real person?",
        "come si misura se il programma funziona? l'HR vuole dei KPI",
        "togli i grafici, solo pivot",
    },
}


@pytest.mark.parametrize("name", list(SHARED_BEFORE))
def test_a_later_blind_set_is_big_enough_half_italian_and_apart_from_the_sets_before_it(name: str):
    dialogues = load_dialogues(SETS[name])
    for lang in ("en", "it"):
        ids = [d.id for d in dialogues if d.lang == lang]
        assert len(ids) >= 90, lang
        assert all(i.startswith(f"{lang}-{name}-") for i in ids), lang
    assert len({d.id for d in dialogues}) == len(dialogues)
    said = {turn.user for d in dialogues for turn in d.turns if len(turn.user.split()) >= 5} - SHARED_BEFORE[name]
    for before in list(SETS)[: list(SETS).index(name)]:
        assert not said & {turn.user for d in load_dialogues(SETS[before]) for turn in d.turns}, before
