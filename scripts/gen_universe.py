#!/usr/bin/env python3
"""Generate the engine's compiled-in entity universe (deterministic, stdlib only).

Reads companies.tsv, executives.tsv and sec_all.tsv from the shared company data
(default ../shared/data/companies relative to the repo root; override with --src) and
writes crates/engine/data/universe.tsv and crates/engine/data/sec.tsv (override with --out).

Usage: python3 scripts/gen_universe.py [--src DIR] [--out DIR] [--sec-names short|none]

The hand-written additions below (non-equity assets, a few private companies, extra
aliases and blocking phrases) are facts entered for this project; see data/NOTICE.md.

universe.tsv rows (tab-separated, lists separated by '|'):
  E  id  symbol  kind  name  sector  country  names  weak_names  brands  weak_brands  tickers  flags
     (a symbol, or a first ticker, written '=' is the id)
     (flags: 'w' = the primary ticker is an English word)
  X  person  ids                       (executive -> company ids)
  B  phrase                            (blocking phrase: matches, links nothing)
sec.tsv rows: ticker  short_name       (second tier, cashtag / exchange-qualified only;
                                      with --sec-names none just the ticker; the ticker is
                                      front-coded: a digit counting the characters it shares
                                      with the previous row's ticker, then the rest)
"""
import argparse
import csv
import os
import re
import sys

SECTORS = {
    "Information Technology": "IT", "Industrials": "IN", "Financials": "FI",
    "Consumer Discretionary": "CD", "Health Care": "HC", "Consumer Staples": "CS",
    "Communication Services": "CM", "Materials": "MA", "Real Estate": "RE",
    "Utilities": "UT", "Energy": "EN",
}

# Symbol convention for non-equity assets: <CLASS>:<CODE>, the id equals the symbol.
#   IDX:SPX  CMD:GOLD  FX:JPY  CRYPTO:BTC
# Each: (id, kind, name, strong names, weak names (need market context), cashtag tickers)
ASSETS = [
    ("IDX:SPX", "index", "S&P 500", ["S&P 500", "S&P 500 index", "Standard & Poor's 500", "SPX", "benchmark S&P"], ["S&P"], ["SPX"]),
    ("IDX:DJI", "index", "Dow Jones Industrial Average", ["Dow Jones Industrial Average", "Dow Jones industrials", "Dow industrials", "the Dow", "Dow Jones", "DJIA", "blue-chip Dow"], ["Dow"], ["DJI", "DJIA"]),
    ("IDX:IXIC", "index", "Nasdaq Composite", ["Nasdaq Composite", "Nasdaq Composite index", "the Nasdaq", "tech-heavy Nasdaq"], ["Nasdaq"], ["IXIC"]),
    ("IDX:NDX", "index", "Nasdaq-100", ["Nasdaq-100", "Nasdaq 100", "Nasdaq-100 index"], [], ["NDX"]),
    ("IDX:RUT", "index", "Russell 2000", ["Russell 2000", "small-cap Russell 2000", "Russell 2000 index"], [], ["RUT"]),
    ("IDX:UKX", "index", "FTSE 100", ["FTSE 100", "FTSE", "Footsie", "FTSE 100 index"], [], ["UKX"]),
    ("IDX:DAX", "index", "DAX", ["DAX", "Dax", "DAX 40", "DAX index"], [], []),
    ("IDX:CAC", "index", "CAC 40", ["CAC 40", "CAC-40"], [], []),
    ("IDX:N225", "index", "Nikkei 225", ["Nikkei 225", "Nikkei", "Nikkei average", "Nikkei share average", "Nikkei stock average"], [], ["N225"]),
    ("IDX:TOPIX", "index", "Topix", ["Topix", "TOPIX", "broader Topix"], [], []),
    ("IDX:SENSEX", "index", "BSE Sensex", ["Sensex", "BSE Sensex", "S&P BSE Sensex"], [], []),
    ("IDX:NIFTY", "index", "Nifty 50", ["Nifty 50", "NSE Nifty 50", "Nifty 50 index", "Nifty", "Nifty50"], [], []),
    ("IDX:HSI", "index", "Hang Seng Index", ["Hang Seng", "Hang Seng Index", "Hang Seng index"], [], ["HSI"]),
    ("IDX:SXXP", "index", "Stoxx Europe 600", ["Stoxx 600", "STOXX 600", "Stoxx Europe 600", "pan-European Stoxx 600"], [], []),
    ("IDX:SX5E", "index", "Euro Stoxx 50", ["Euro Stoxx 50", "EURO STOXX 50"], [], []),
    ("IDX:SHCOMP", "index", "Shanghai Composite", ["Shanghai Composite", "Shanghai Composite Index", "SSE Composite"], [], []),
    ("IDX:KOSPI", "index", "Kospi", ["Kospi", "KOSPI"], [], []),
    ("IDX:ASX200", "index", "S&P/ASX 200", ["S&P/ASX 200", "ASX 200"], [], []),
    ("IDX:TSX", "index", "S&P/TSX Composite", ["S&P/TSX Composite", "S&P/TSX composite index", "TSX composite"], [], []),
    ("IDX:VIX", "index", "Cboe Volatility Index", ["VIX", "Cboe Volatility Index", "CBOE Volatility Index", "VIX index"], [], ["VIX"]),
    ("CMD:GOLD", "commodity", "Gold", ["gold", "spot gold", "gold prices", "gold futures", "bullion", "gold bullion"], [], ["XAU"]),
    ("CMD:SILVER", "commodity", "Silver", ["silver", "spot silver", "silver prices", "silver futures"], [], ["XAG"]),
    ("CMD:COPPER", "commodity", "Copper", ["copper", "copper prices", "copper futures", "LME copper"], [], []),
    ("CMD:CRUDE", "commodity", "Crude oil", ["crude oil", "crude", "oil prices", "oil price", "oil futures", "crude prices", "crude futures", "crude oil prices", "crude oil futures"], ["oil"], []),
    ("CMD:BRENT", "commodity", "Brent crude", ["Brent", "Brent crude", "Brent oil", "Brent futures", "Brent crude futures", "Brent crude oil"], [], []),
    ("CMD:WTI", "commodity", "WTI crude", ["WTI", "West Texas Intermediate", "U.S. crude", "US crude", "WTI crude", "WTI futures", "West Texas Intermediate crude", "U.S. West Texas Intermediate crude", "WTI crude oil", "U.S. crude oil", "US crude oil"], [], ["WTI"]),
    ("CMD:NATGAS", "commodity", "Natural gas", ["natural gas", "natural-gas", "natgas", "nat-gas", "Henry Hub", "natural gas prices", "natural gas futures"], [], []),
    ("FX:USD", "currency", "US dollar", ["dollar", "U.S. dollar", "US dollar", "greenback", "dollar index", "USD"], [], ["DXY"]),
    ("FX:EUR", "currency", "Euro", ["euro", "EUR", "single currency"], [], []),
    ("FX:JPY", "currency", "Japanese yen", ["yen", "Japanese yen", "JPY"], [], []),
    ("FX:CNY", "currency", "Chinese yuan", ["yuan", "Chinese yuan", "offshore yuan", "renminbi", "CNY", "CNH"], [], []),
    ("FX:GBP", "currency", "British pound", ["pound", "sterling", "British pound", "pound sterling", "GBP"], [], []),
    ("FX:INR", "currency", "Indian rupee", ["rupee", "Indian rupee", "INR"], [], []),
    ("FX:CHF", "currency", "Swiss franc", ["Swiss franc", "CHF"], [], []),
    ("FX:CAD", "currency", "Canadian dollar", ["Canadian dollar", "loonie", "CAD"], [], []),
    ("FX:AUD", "currency", "Australian dollar", ["Australian dollar", "Aussie dollar", "AUD"], [], []),
    ("CRYPTO:BTC", "crypto", "Bitcoin", ["Bitcoin", "bitcoin", "BTC"], [], ["BTC"]),
    ("CRYPTO:ETH", "crypto", "Ether", ["Ether", "ether", "Ethereum", "ethereum", "ETH"], [], ["ETH"]),
]

# Private companies missing from the shared universe: (slug, name, sector, country, names)
EXTRA_PRIVATE = [
    ("deepseek", "DeepSeek", "IT", "China", ["DeepSeek"]),
    ("thrivecapital", "Thrive Capital", "FI", "United States", ["Thrive Capital"]),
]

# Extra strong names for existing rows (phrases that would otherwise be stolen by an index
# alias under leftmost-longest matching, or that the shared data lacks).
EXTRA_NAMES = {
    "DOW": ["the Dow Chemical", "the Dow Inc.", "Dow Chemical Co."],
    "NDAQ": ["Nasdaq Inc.", "Nasdaq, Inc."],
    "ON": ["onsemi"],
    "JPM": ["JP Morgan", "J.P. Morgan", "JP Morgan Chase", "J.P. Morgan Chase"],
    "CMG": ["Chipotle"],
    "MRVL": ["Marvell"],
    "EL": ["Estée Lauder", "Estee Lauder"],
    "UPS": ["UPS"],
}

# Phrases that match but link nothing: they stop a shorter alias inside them.
BLOCKERS = [
    "price target", "price targets", "analyst target", "earnings target", "profit target",
    "sales target", "target price", "inflation target", "shell company", "shell companies",
    "gold medal", "gold standard", "gold rush", "silver lining", "silver medal", "Silver Lake",
    "silver screen", "silver bullet", "silver spoon", "golden", "billion dollar", "million dollar",
    "trillion dollar", "multibillion dollar", "multi billion dollar", "top dollar", "dollar amount",
    "dollar terms", "dollar value", "dollar figure", "dollar store", "dollar stores", "per pound",
    "a pound", "pound for pound", "euro zone", "euro area", "Hang Seng Bank", "New Zealand dollar",
    "Hong Kong dollar", "Singapore dollar", "Taiwan dollar", "Pakistani rupee", "crude estimate",
    "Block Inc", "Dow Jones & Co", "Dow Jones & Company", "Dow Jones Newswires", "Dow Jones Indices",
    "S&P Dow Jones Indices", "the Nasdaq Stock Market", "Nasdaq-listed", "NYSE-listed",
    "gap up", "gap down", "funding gap", "snap election", "snap elections", "meta analysis",
    "block trade", "block trades", "target date", "visa rules", "oil painting", "olive oil",
    "palm oil", "Royal Gold", "Gold Fields", "oil and gas", "Dow Jones Market Data",
    "Merck KGaA", "SoftBank Corp", "SoftBank Corp.", "crude steel", "groundnut oil",
    "mentha oil", "edible oil", "edible oils", "vegetable oil", "soybean oil", "castor oil",
    "cooking oil", "crude palm oil", "essential oil", "fish oil", "oil paint",
]


# First words of display names that are not usable as short names (part of a longer name).
NOT_SHORT_NAMES = {"Palo", "Becton", "Ingersoll", "OReilly", "HDFC", "Qnity", "Camden", "Atmos",
                   "Alliant", "Mettler"}


def derived_short_names(companies, src):
    """Weak short names: the first word of a multi-word display name ("Seagate" for Seagate
    Technology) when it is at least four letters, capitalised, not an English word or name in
    the SCOWL list, not already an alias anywhere, unique as a first word, and not removed by
    the shared hand rules. Weak names need company context in the text, like "Target"."""
    def norm(a):
        return re.sub(r"[^0-9a-z&]+", " ", a.lower()).strip()
    words_path = os.path.join(src, "raw", "words_american-english.txt")
    with open(words_path, encoding="utf-8", errors="replace") as f:
        words = {w.strip().lower() for w in f if w.strip()}
    removed = set()
    rules_path = os.path.join(src, "hand", "alias_rules.csv")
    with open(rules_path, encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split(";")
            if len(parts) >= 3 and parts[2] == "remove":
                removed.add(norm(parts[1]))
    taken = set()
    for r in companies:
        for a in split(r["aliases"]) + split(r["brands"]):
            taken.add(norm(a))
    firsts, cands = {}, {}
    for r in companies:
        toks = (r["display_name"] or "").split()
        if len(toks) < 2:
            continue
        t = re.sub(r"[^\w&.-]", "", toks[0])
        firsts[norm(t)] = firsts.get(norm(t), 0) + 1
        cands[r["id"]] = t
    out = {}
    for cid, t in cands.items():
        k = norm(t)
        if (len(k) < 4 or " " in k or k in words or k in taken or k in removed
                or firsts[k] > 1 or not t[:1].isupper() or t in NOT_SHORT_NAMES):
            continue
        out[cid] = t
    return out


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def split(field):
    """Splits a '|' list; items therefore never contain '|'."""
    return [x for x in field.split("|") if x] if field else []


def flagged_words(flags):
    out = set()
    for f in split(flags):
        if f.startswith("alias_is_word:") or f.startswith("ambiguous_alias:"):
            out.update(f.split(":", 1)[1].split(","))
    return out


def clean(s):
    if "\t" in s or "\n" in s:
        raise ValueError(f"separator inside field: {s!r}")
    return s


def dedup(items):
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def compact_entity(line):
    """Writes '=' for a symbol, or a first ticker, equal to the entity id (smaller bundle)."""
    f = line.split("\t")
    if f[2] == f[1]:
        f[2] = "="
    ticks = f[11].split("|")
    if ticks[0] == f[1]:
        f[11] = "|".join(["="] + ticks[1:])
    return "\t".join(f)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=os.path.join(root, "..", "shared", "data", "companies"))
    ap.add_argument("--out", default=os.path.join(root, "crates", "engine", "data"))
    ap.add_argument("--sec-names", choices=("short", "none"), default="short",
                    help="second-tier display names: short (<= ~10 chars) or none (ticker only;"
                         " saves about 24 KB gzip)")
    args = ap.parse_args()

    companies = read_tsv(os.path.join(args.src, "companies.tsv"))
    executives = read_tsv(os.path.join(args.src, "executives.tsv"))
    sec = read_tsv(os.path.join(args.src, "sec_all.tsv"))

    lines = ["# Generated by scripts/gen_universe.py; do not edit. Sources: data/NOTICE.md."]
    short_names = derived_short_names(companies, args.src)
    core_tickers = set()
    for r in sorted(companies, key=lambda r: r["id"]):
        words = flagged_words(r["flags"])
        aliases = dedup(split(r["aliases"]) + EXTRA_NAMES.get(r["id"], []))
        names = [a for a in aliases if a not in words]
        weak = [a for a in aliases if a in words] + ([short_names[r["id"]]] if r["id"] in short_names else [])
        brands = [b for b in split(r["brands"]) if b not in words]
        weak_brands = [b for b in split(r["brands"]) if b in words]
        tickers = dedup(([r["ticker"]] if r["ticker"] else []) + split(r["alt_tickers"]))
        core_tickers.update(t.upper() for t in tickers)
        sector = SECTORS.get(r["sector"], "")
        lines.append("\t".join(clean(x) for x in [
            "E", r["id"], r["ticker"], r["kind"], r["display_name"] or (aliases[0] if aliases else r["name"]),
            sector, r["country"], "|".join(names), "|".join(weak), "|".join(brands),
            "|".join(weak_brands), "|".join(tickers),
            "w" if "ticker_is_word" in split(r["flags"]) else "",
        ]))
    for slug, name, sector, country, names in EXTRA_PRIVATE:
        lines.append("\t".join(["E", "priv:" + slug, "", "private", name, sector, country,
                                "|".join(names), "", "", "", "", ""]))
    for aid, kind, name, names, weak, tickers in ASSETS:
        lines.append("\t".join(["E", aid, aid, kind, name, "", "", "|".join(names),
                                "|".join(weak), "", "", "|".join(tickers), ""]))
    for e in sorted(executives, key=lambda r: r["person"]):
        ids = split(e["targets"])
        if ids:
            lines.append("\t".join(["X", clean(e["person"]), "|".join(ids)]))
    for b in BLOCKERS:
        lines.append("\t".join(["B", b]))

    sec_lines = ["# Generated by scripts/gen_universe.py; second tier, front-coded: one digit (characters"
                 " shared with the previous ticker, 0-9) + the rest of the ticker [<TAB>short name]."]
    prev = ""
    for r in sorted(sec, key=lambda r: r["ticker"]):
        t = r["ticker"].upper()
        if r["in_core"] == "1" or t in core_tickers or r["exchange"] in ("OTC", ""):
            continue
        words = r["short_name"].split()
        short = words[0] if words else t
        for w in words[1:]:
            if len(short) + 1 + len(w) > 10:
                break
            short += " " + w
        while short.count(" ") and short.rsplit(" ", 1)[1].lower() in ("and", "&", "of", "the", "de"):
            short = short.rsplit(" ", 1)[0]
        t = clean(t)
        keep = 0
        while keep < min(len(t), len(prev), 9) and t[keep] == prev[keep]:
            keep += 1
        coded = str(keep) + t[keep:]
        prev = t
        sec_lines.append(coded if args.sec_names == "none" else coded + "\t" + clean(short))

    lines = [compact_entity(line) if line.startswith("E\t") else line for line in lines]
    os.makedirs(args.out, exist_ok=True)
    for name, body in (("universe.tsv", lines), ("sec.tsv", sec_lines)):
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(body) + "\n")
        print(f"wrote {os.path.join(args.out, name)}: {len(body) - 1} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
