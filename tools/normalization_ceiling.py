#!/usr/bin/env python3
"""How much of a corpus's gold normalization ../shared can teach at all.

For each of the Gene, Chemical and Disease mentions of GOLD, whether any of its gold
identifiers is *named* somewhere in ../shared: by a vocabulary that gives it a name
(NCBI gene_info, the 2022 human gene table and HGNC for genes; MeSH's thesaurus and
labels, the chemical MeSH mappings and CTD's disease vocabulary for chemicals and
diseases; the disease mention pairs for diseases) or by an annotated corpus mention of
a document that is not one of GOLD's own (the knowledge base holds those documents out,
so Dev is never learned from). A mention whose identifiers are named nowhere cannot be
linked by any normalizer built from ../shared: the share of the others is the highest
mention-level accuracy reachable with gold mentions (`biotator annotate
--link-input-mentions`). With PREDICTION (that output), it also counts the mentions
linked right, the eval's way (some predicted ID among the gold IDs), and the wrong ones
whose identifiers are named somewhere.

    normalization_ceiling.py SHARED_DIR GOLD.pubtator [PREDICTION.pubtator]

Identifiers known only by a number (PubChem CIDs in pubchem_mesh_map.tsv, CAS numbers in
mesh_cas_mappings.tsv) do not count as named: no text can be matched to them.
Standard library only.
"""

import glob
import gzip
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter

TYPES = {
    "GeneOrGeneProduct": "Gene", "Gene": "Gene",
    "ChemicalEntity": "Chemical", "Chemical": "Chemical",
    "DiseaseOrPhenotypicFeature": "Disease", "Disease": "Disease",
}
MESH_ID = re.compile(r"\b([CD]\d{6,9})\b")


def open_text(path):
    return gzip.open(path, "rt", encoding="utf-8", errors="replace") if path.endswith(".gz") else \
        open(path, encoding="utf-8", errors="replace")


def resolve(path):
    """`path`, or the same without ".gz" (as `biotator kb build` accepts), or None when
    neither exists: an absent vocabulary is reported on stderr and skipped."""
    for candidate in (path, path[:-3] if path.endswith(".gz") else None):
        if candidate and os.path.exists(candidate):
            return candidate
    print(f"normalization_ceiling: {path} absent, skipped", file=sys.stderr)
    return None


def ids_of(field):
    return {i.strip().replace("MESH:", "") for i in re.split(r"[,;|]", field) if i.strip()}


def read_mentions(path):
    """{(document, start, end): (class, gold IDs)} of the three classes, and the documents."""
    mentions, documents = {}, set()
    with open_text(path) as f:
        for line in f:
            m = re.match(r"(\d+)\|[ta]\|", line)
            if m:
                documents.add(m.group(1))
                continue
            x = line.rstrip("\n").split("\t")
            if len(x) >= 6 and x[1].isdigit() and x[4] in TYPES:
                key = (x[0], int(x[1]), int(x[2]))
                cls, ids = mentions.get(key, (TYPES[x[4]], set()))
                mentions[key] = (cls, ids | ids_of(x[5]))
    return mentions, documents


def named_identifiers(shared, held_out):
    """{class: set of identifiers some file of ../shared names}."""
    named = {"Gene": set(), "Chemical": set(), "Disease": set()}
    kb = os.path.join(shared, "kb")
    for name in ("Homo_sapiens.gene_info.gz", "Mus_musculus.gene_info.gz"):
        path = resolve(os.path.join(kb, "gene", name))
        if not path:
            continue
        with open_text(path) as f:
            for line in f:
                if not line.startswith("#"):
                    named["Gene"].add(line.split("\t")[1])
    table = resolve(os.path.join(kb, "gene", "human_genes_orgHsEgDb_2022Sep12.tsv.gz"))
    if table:
        with open_text(table) as f:
            for line in f:
                named["Gene"].add(line.split("\t")[0])
    hgnc = resolve(os.path.join(kb, "gene", "hgnc_entries_2016_with_entrez.txt"))
    if hgnc:
        with open_text(hgnc) as f:
            for line in f:
                x = line.rstrip("\n").split("\t")
                if len(x) > 5 and x[5].isdigit():
                    named["Gene"].add(x[5])
    mesh_files = [os.path.join(kb, "mesh", n) for n in (
        "mesh_thesaurus_terms.tsv.gz", "mesh_trees.tsv.gz", "mesh_id_label_mappings_2019.tsv",
        "mesh_descriptors_c_f_tree.tsv", "mesh_disease_supplementary.tsv")]
    mesh_files += [os.path.join(kb, "chemical", "mesh_mappings.tsv"), os.path.join(kb, "ctd", "CTD_diseases.tsv.gz")]
    for path in filter(None, map(resolve, mesh_files)):
        with open_text(path) as f:
            for line in f:
                found = MESH_ID.findall(line)
                named["Chemical"].update(found)
                named["Disease"].update(found)
    pairs = resolve(os.path.join(kb, "disease", "disease_mention_pairs.bioc.xml"))
    if pairs:
        for document in ET.parse(pairs).getroot().iter("document"):
            if document.findtext("id", "").strip() in held_out:
                continue
            for infon in document.iter("infon"):
                if infon.get("key") == "identifier":
                    named["Disease"].update(MESH_ID.findall(infon.text or ""))
    # Annotated corpora, their documents outside the held-out set.
    for path in sorted(glob.glob(os.path.join(shared, "corpora", "*", "*"))):
        with open_text(path) as f:
            for line in f:
                x = line.rstrip("\n").split("\t")
                if len(x) >= 6 and x[1].isdigit() and x[0] not in held_out and x[4] in TYPES:
                    named[TYPES[x[4]]].update(ids_of(x[5]))
    return named


def main(argv):
    if len(argv) not in (3, 4):
        sys.exit(__doc__)
    shared, gold_path = argv[1], argv[2]
    gold, documents = read_mentions(gold_path)
    predicted = read_mentions(argv[3])[0] if len(argv) == 4 else None
    named = named_identifiers(shared, documents)
    counts = {c: Counter() for c in ("Gene", "Chemical", "Disease")}
    for key, (cls, ids) in gold.items():
        c = counts[cls]
        c["mentions"] += 1
        reachable = ids == {"-"} or any(i in named[cls] for i in ids)
        c["named nowhere"] += not reachable
        if predicted is not None:
            pred_ids = predicted.get(key, (cls, set()))[1]
            right = bool(ids & pred_ids) if ids != {"-"} else pred_ids in ({"-"}, set())
            c["right"] += right
            c["wrong, named"] += (not right) and reachable
    header = f"{'class':10}{'mentions':>10}{'named nowhere':>15}{'ceiling %':>11}"
    if predicted is not None:
        header += f"{'right':>8}{'now %':>8}{'wrong, named':>14}"
    print(header)
    for cls, c in counts.items():
        row = f"{cls:10}{c['mentions']:>10}{c['named nowhere']:>15}"
        row += f"{100 * (c['mentions'] - c['named nowhere']) / max(1, c['mentions']):>11.2f}"
        if predicted is not None:
            row += f"{c['right']:>8}{100 * c['right'] / max(1, c['mentions']):>8.2f}{c['wrong, named']:>14}"
        print(row)


if __name__ == "__main__":
    main(sys.argv)
