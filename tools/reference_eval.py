#!/usr/bin/env python3
"""Independent reference implementation of BioTator's BioRED-compatible scorer.

Written from docs/EVALUATION.md and docs/FORMATS.md (standard library only) to check
src/evaluator.cc: it reads two PubTator files itself and prints the same JSON shape as
`format_report_json`:

    reference_eval.py GOLD.pubtator PREDICTION.pubtator

Choices the documents leave open (the same as src/evaluator.cc):
  * mentions are sets of (document, start, end, unified type); IDs of duplicate lines
    are pooled;
  * relaxed NER counts a maximum matching between overlapping same-type mentions;
  * an ID's entity class (for the excluded relation pairs) is the type of the first
    mention carrying it in that file and document;
  * novelty is judged only where the gold relation has one.
"""

import json
import re
import sys
from collections import defaultdict

TYPE_CLASSES = {
    "GeneOrGeneProduct": "Gene", "Gene": "Gene",
    "DiseaseOrPhenotypicFeature": "Disease", "Disease": "Disease",
    "SpecificDisease": "Disease", "DiseaseClass": "Disease",
    "Modifier": "Disease", "CompositeMention": "Disease",
    "ChemicalEntity": "Chemical", "Chemical": "Chemical",
    "OrganismTaxon": "Species", "Species": "Species",
    "CellLine": "CellLine",
    "SequenceVariant": "Variant", "Variant": "Variant", "DNAMutation": "Variant",
    "ProteinMutation": "Variant", "SNP": "Variant", "DNAAllele": "Variant",
    "ProteinAllele": "Variant", "AcidChange": "Variant", "OtherMutation": "Variant",
}

EXCLUDED_PAIRS = {
    frozenset(["Disease"]),  # Disease-Disease
    frozenset(["Gene", "Variant"]),
    frozenset(["Gene", "Species"]),
}

MESH_RE = re.compile(r"^(MESH:)?[DC][0-9]+$")
TMVAR_FORM_RE = re.compile(r"^[pcgrmn]\|.")
RS_RE = re.compile(r"^rs[0-9]")
INT_RE = re.compile(r"^-?[0-9]+$")


def unify_type(name):
    return TYPE_CLASSES.get(name, name)


def is_null(identifier):
    return identifier in ("", "-", "-1")


def is_variant_field(field):
    return (field.startswith(("tmVar:", "HGVS:", "RS#:", "CorrespondingGene:"))
            or bool(TMVAR_FORM_RE.match(field)) or bool(RS_RE.match(field)))


def rs(value):
    value = value.strip()
    return value if value.startswith("rs") else "rs" + value


def normalize_id(identifier):
    identifier = identifier.strip()
    if ";" in identifier and is_variant_field(identifier):
        components = [c.strip() for c in identifier.split(";")]
        for component in components:
            if component.startswith("RS#:") and len(component) > 4:
                return rs(component[4:])
        identifier = components[0]
    if identifier.startswith("tmVar:"):
        return identifier[6:].strip()
    if identifier.startswith("RS#:"):
        return rs(identifier[4:])
    if identifier.startswith("MESH:"):
        return identifier[5:].strip()
    if identifier.startswith("CVCL:"):
        return "CVCL_" + identifier[5:].strip()
    return identifier


def split_id_field(field):
    """The normalized, non-null IDs of one PubTator ID column."""
    field = field.strip()
    if is_variant_field(field):
        raw = [field] if ";" in field else field.split(",")
    else:
        raw = []
        for part in re.split(r"[,;]", field):
            bars = part.split("|")
            if len(bars) > 1 and all(MESH_RE.match(b.strip()) or is_null(b.strip()) for b in bars):
                raw.extend(bars)
            else:
                raw.append(part)
    return [normalize_id(r) for r in (x.strip() for x in raw) if not is_null(r)]


class DocView:
    def __init__(self):
        self.mentions = {}          # (start, end, type) -> set of IDs
        self.concepts = set()       # (type, ID)
        self.id_class = {}          # ID -> type of the first mention carrying it
        self.raw_relations = []     # (type, arg1, arg2, novelty)
        self.pairs = set()
        self.typed = set()
        self.novel = set()


def read_pubtator(path):
    docs = defaultdict(DocView)
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line:
                continue
            head = line.split("\t", 1)[0]
            if "\t" not in line and ("|t|" in head or "|a|" in head):
                docs[head.split("|", 1)[0]]  # a document with no annotations still exists
                continue
            cols = line.split("\t")
            doc = docs[cols[0]]
            if INT_RE.match(cols[1]) and INT_RE.match(cols[2]):
                kind = unify_type(cols[4])
                ids = split_id_field(cols[5]) if len(cols) > 5 else []
                doc.mentions.setdefault((int(cols[1]), int(cols[2]), kind), set()).update(ids)
                for i in ids:
                    doc.concepts.add((kind, i))
                    doc.id_class.setdefault(i, kind)
            else:
                novelty = ""
                if len(cols) >= 6:
                    novelty = cols[4]
                elif len(cols) == 5:
                    try:
                        float(cols[4])  # a bare score, not a novelty
                    except ValueError:
                        novelty = cols[4]
                doc.raw_relations.append((cols[1], cols[2], cols[3], novelty.strip()))
    # Relations once every entity line is known (classes come from the file's own lines).
    for doc in docs.values():
        for rtype, a, b, novelty in doc.raw_relations:
            a, b = normalize_id(a), normalize_id(b)
            if a in doc.id_class and b in doc.id_class and \
                    frozenset([doc.id_class[a], doc.id_class[b]]) in EXCLUDED_PAIRS:
                continue
            pair = tuple(sorted((a, b)))
            doc.pairs.add(pair)
            doc.typed.add((pair, rtype))
            doc.novel.add((pair, rtype, novelty))
    return docs


def new_counts():
    return {"tp": 0, "fp": 0, "fn": 0}


def set_counts(gold, pred, counts):
    counts["tp"] += len(gold & pred)
    counts["fp"] += len(pred - gold)
    counts["fn"] += len(gold - pred)


def max_matching(gold_spans, pred_spans):
    adjacency = [[g for g, (gs, ge) in enumerate(gold_spans) if ps < ge and gs < pe]
                 for (ps, pe) in pred_spans]
    partner = {}

    def augment(p, seen):
        for g in adjacency[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in partner or augment(partner[g], seen):
                partner[g] = p
                return True
        return False

    return sum(1 for p in range(len(pred_spans)) if augment(p, set()))


def evaluate(gold_docs, pred_docs):
    strict = defaultdict(new_counts)
    relaxed = defaultdict(new_counts)
    mention = defaultdict(new_counts)
    concept = defaultdict(new_counts)
    pair, typed, novel = new_counts(), new_counts(), new_counts()
    empty = DocView()
    for doc_id in set(gold_docs) | set(pred_docs):
        g = gold_docs.get(doc_id, empty)
        p = pred_docs.get(doc_id, empty)
        for key, pids in p.mentions.items():
            kind = key[2]
            if key in g.mentions:
                strict[kind]["tp"] += 1
                gids = g.mentions[key]
                if (pids & gids) or (not pids and not gids):
                    mention[kind]["tp"] += 1
                else:
                    mention[kind]["fp"] += 1
                    mention[kind]["fn"] += 1
            else:
                strict[kind]["fp"] += 1
                mention[kind]["fp"] += 1
        for key in g.mentions:
            if key not in p.mentions:
                strict[key[2]]["fn"] += 1
                mention[key[2]]["fn"] += 1
        for kind in {k[2] for k in g.mentions} | {k[2] for k in p.mentions}:
            gs = [(k[0], k[1]) for k in g.mentions if k[2] == kind]
            ps = [(k[0], k[1]) for k in p.mentions if k[2] == kind]
            tp = max_matching(gs, ps)
            relaxed[kind]["tp"] += tp
            relaxed[kind]["fp"] += len(ps) - tp
            relaxed[kind]["fn"] += len(gs) - tp
        for kind in {c[0] for c in g.concepts} | {c[0] for c in p.concepts}:
            set_counts({c for c in g.concepts if c[0] == kind},
                       {c for c in p.concepts if c[0] == kind}, concept[kind])
        set_counts(g.pairs, p.pairs, pair)
        set_counts(g.typed, p.typed, typed)
        gold_without_novelty = {(pr, t) for (pr, t, n) in g.novel if n == ""}
        pred_novel = {(pr, t, "" if (pr, t) in gold_without_novelty else n) for (pr, t, n) in p.novel}
        set_counts(g.novel, pred_novel, novel)
    return strict, relaxed, mention, concept, pair, typed, novel


def scored(c):
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def typed_block(counts):
    micro = new_counts()
    for c in counts.values():
        for k in micro:
            micro[k] += c[k]
    block = {"micro": scored(micro)}
    for kind in sorted(counts):
        block[kind] = scored(counts[kind])
    return block


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: reference_eval.py GOLD.pubtator PREDICTION.pubtator\n")
        return 2
    strict, relaxed, mention, concept, pair, typed, novel = evaluate(read_pubtator(argv[1]),
                                                                     read_pubtator(argv[2]))
    report = {
        "ner": {"strict": typed_block(strict), "relaxed": typed_block(relaxed)},
        "normalization": {"mention": typed_block(mention), "concept": typed_block(concept)},
        "relations": {"pair": scored(pair), "type": scored(typed), "novelty": scored(novel)},
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
