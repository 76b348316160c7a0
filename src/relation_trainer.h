// Trains the relation model on documents with gold entities and relations (BioRED
// Train): multinomial logistic regression (AdaGrad SGD, L2) for none / relation type,
// a binary one for novelty, and the decision thresholds chosen by k-fold
// cross-validation on the training documents (never on Dev). Deterministic: a fixed
// seed, a portable shuffle, one thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "document.h"
#include "relation_model.h"
#include "tree_trainer.h"

namespace biotator {

struct RelationTrainingOptions {
  uint32_t hash_bits = 20;
  int epochs = 8;
  double learning_rate = 0.05;  // AdaGrad base rate
  double l2 = 1e-6;             // per-update L2 on the weights an example touches
  int novelty_epochs = 6;
  int folds = 4;                // cross-validation folds for the thresholds; < 2 keeps 0.5
  uint64_t seed = 20240917;
  // Models trained on this many shuffles (seed, seed+1000, ...) are averaged.
  int seeds = 1;
  // Examples from auxiliary corpora (train_relation_model's `auxiliary`) count this much
  // in the type model's loss. DrugProt's 750 development abstracts at 0.3 (4 seeds;
  // out-of-fold on BioRED Train / BioRED Dev with gold entities): pair 71.43 -> 71.50 /
  // 70.34 -> 71.36, pair+type 49.27 -> 50.22 / 52.18 -> 53.50, +novelty 37.55 -> 38.26 /
  // 40.81 -> 41.62. Tried: weight 0.5: +type 50.18 / 53.27, weight 1: 50.06 / 52.90;
  // keeping the pairs that share no sentence as "none" (at 0.3): 49.74 / 52.89; only
  // DrugProt's related pairs: 49.47 / 52.39; DIRECT-REGULATOR as Bind: 49.62 / 52.85.
  // AdaGrad divides each weight's steps by its own gradients' norm, so a feature seen
  // mostly in an auxiliary corpus takes full-size steps whatever the corpus weight: 0.3
  // does less than it seems. Tried and removed (added in ad115b0, see the history):
  // BioCreative V CDR's CID relations as Positive_Correlation examples (all pairs,
  // same-sentence only, type-only, with CDR-only domain features) lowered out-of-fold
  // +type in every form (best 50.63 against 51.06 with the trees): CDR annotates only
  // induction, so its "treated with" abstracts teach Positive_Correlation (Dev: Negative
  // pairs predicted Positive 14 -> 35).
  double auxiliary_weight = 0.3;
  // Gradient-boosted trees stacked on the linear model (RelationModel::relation_trees):
  // 0 none, 1 multiclass (none + 8 types), 2 binary (related or not; the type stays the
  // linear model's). Trained with XGBoost on the BioRED candidates' linear out-of-fold
  // outputs (RelationModel::tree_inputs: the 9 class probabilities, P(Novel), the class
  // pair, PairStatistics, and the document context of the other candidates' linear
  // relation probabilities); their own thresholds come from nested cross-validation
  // (tree_nested: each fold's trees learn from out-of-fold outputs computed without that
  // fold) or, faster and slightly optimistic, from the same out-of-fold inputs.
  // models/relations.bt (scripts/build-models.sh): binary, averaged with the linear
  // model (tree_weight 0.5), candidates from linear probability 0.05 (tree_gate), 100
  // rounds of depth 4 at eta 0.1. 4 seeds, out of fold on BioRED Train / BioRED Dev with
  // gold entities / Dev end to end, pair, +type, +novelty: 71.50 / 50.22 / 39.20 ->
  // 73.04 / 51.06 / 39.88; 71.36 / 53.50 / 42.71 -> 74.24 / 54.05 / 43.14; 51.83 / 38.72
  // / 29.88 -> 52.68 / 38.84 / 30.19. Relation stage +12.5 % instructions (trees only
  // for the candidates past the gate; 100 trees padded to depth 4, walked implicitly).
  // Tried (4 seeds, out of fold then Dev with gold entities, pair / +type / +novelty;
  // gate 0.02 and the first form of the context, where each concept's candidates ranked
  // above the candidate (quadratic in a concept's candidates) stood for its margin over
  // the best other, unless said): binary, no averaging (weight 1): 73.28 / 50.86 /
  // 39.82, 73.68 / 53.03 / 42.19 (Dev +type falls); weight 0.7: 73.41 / 51.11 / 40.02,
  // 73.67 / 53.54 / 42.75; 0.5: 73.49 / 51.22 / 39.95, 73.71 / 53.64 / 42.64 (the best
  // mean of pair and +type out of fold, the thresholds' criterion); 0.3: 72.74 / 51.24
  // / 40.04, 72.82 / 54.28 / 43.07; at 0.5, gate 0.05: 73.06 / 51.05 / 39.91, 74.43 /
  // 54.18 / 43.28; gate 0.1: 72.53 / 50.85 / 39.66; 50 rounds at eta 0.2: 72.83 / 50.93
  // / 39.80 (gate 0.05: 72.75 / 50.83 / 39.67); the margin form at gate 0.02: 73.37 /
  // 51.14 / 40.00, 73.47 / 54.13 / 43.14 (at 0.05, kept: see above); with each
  // concept's other candidates at 0.5 or more as context too (gate 0.05): 73.11 / 51.04
  // / 39.86. At weight 1: depth 3: 73.17 / 51.09 / 39.96; depth 6 (1 seed): 72.65 /
  // 50.01 against 73.25 / 50.29; 50 rounds: 73.15 / 50.74 / 39.71; min_child_weight 5:
  // 72.99 / 50.79 / 39.66; multiclass trees (tree_mode 1): 72.76 / 49.82 / 38.95, 73.82
  // / 49.73 / 38.64 (the trees' types are worse than the linear model's); novelty trees
  // (novelty_trees, same inputs): +novelty 39.82 -> 39.60 (1 seed: 38.41 -> 38.11
  // alone); with the kept relation trees, novelty trees replacing P(Novel): 39.88 ->
  // 39.31, averaged with it at 0.5: 39.84, at 0.3 (of the trees): 39.84. Without the
  // document context (1 seed, linear 70.89 / 49.24 / 38.41): binary 72.45 / 49.72 /
  // 38.69, with it 73.25 / 50.29 / 39.17: most of the gain on +type is the context.
  int tree_mode = 0;
  bool novelty_trees = false;
  bool tree_nested = true;
  double tree_gate = 0.02;   // candidates below this linear relation probability skip the trees
  double tree_weight = 1.0;  // RelationModel::tree_weight
  // The trees' boosting (rounds, depth, eta, min_child_weight, lambda); the trainer sets
  // their seed (from `seed`) and classes (from tree_mode).
  TreeTrainingOptions trees;
};

// One candidate with its gold labels.
struct RelationExample {
  std::vector<uint32_t> features;  // the novelty model's; the type model's are the first type_feature_count
  uint32_t type_feature_count = UINT32_MAX;  // UINT32_MAX (or more than there are): all
  std::span<const uint32_t> type_features() const {
    return {features.data(), std::min<size_t>(type_feature_count, features.size())};
  }
  ClassPair class_pair = ClassPair::kChemicalChemical;
  int label = 0;     // 0: no relation, k: relation type k-1
  int novelty = -1;  // 1 Novel, 0 No, -1 not given or no relation
  uint32_t document = 0;
  float weight = 1.0f;     // its share in the type model's loss
  bool auxiliary = false;  // from an auxiliary corpus: always trained on, never scored
  bool shares_sentence = false;  // some sentence mentions both concepts
  PairStatistics stats;          // the candidate's, for the trees' inputs
  uint32_t first = 0, second = 0;  // its concepts' indices in the document
};

// Candidates of `docs` labelled by their relations. Gold relations whose pair is not a
// candidate (an argument without a mention, a class pair outside the table, a type the
// pair does not allow) are counted in `*unreachable`.
std::vector<RelationExample> build_relation_examples(const std::vector<Document>& docs, uint32_t hash_bits,
                                                     size_t* unreachable = nullptr);

// A DrugProt corpus (BioCreative VII) as documents with BioRED's Chemical-Gene types:
// `abstracts_path` names its *_abstracs.tsv (the release's spelling); *_entities.tsv and
// *_relations.tsv (or *_relations-no-false.tsv) beside it are read too. DrugProt gives no
// identifiers, so a concept is a mention text (lowercased, letters and digits only) per
// class, as "DrugProt:C:<text>" or "DrugProt:G:<text>". Types: INHIBITOR, ANTAGONIST,
// INDIRECT-DOWNREGULATOR -> Negative_Correlation; ACTIVATOR, AGONIST, AGONIST-ACTIVATOR,
// INDIRECT-UPREGULATOR -> Positive_Correlation; the rest (DIRECT-REGULATOR, SUBSTRATE,
// PART-OF, PRODUCT-OF, ...) -> Association, as BioRED's Chemical-Gene pairs use Bind
// rarely (17 of 621 in Train). A concept pair takes its most frequent mapped type (ties:
// Negative, Positive, Association). Mentions whose text does not match the abstract at
// their offsets, or without an ASCII letter or digit, are skipped.
std::vector<Document> read_drugprot_corpus(const std::string& abstracts_path);

// Novelty (issue #6), measured out of fold on BioRED Train / on BioRED Dev with gold
// entities (4 seeds, DrugProt at 0.3), pair+type+novelty: the novelty threshold chosen on
// the pairs predicted with their right type instead of on all related pairs 38.26 ->
// 38.28 / 41.62 -> 41.53; novelty-only features (relation_features.cc: section x cues of
// each shared sentence, novelty cue words, background/study counts, relative position,
// concepts new in the study part, review/case words) 38.28 -> 38.65 / 41.53 -> 42.54
// (the same features read by the type model too: +type 50.22 -> 49.60 / 53.50 -> 52.86);
// novelty thresholds per class pair 38.65 -> 39.20 / 42.54 -> 42.71. End to end (Dev):
// +novelty 28.65 -> 29.64, pair and +type unchanged (51.19, 38.26). Tried, not kept
// (+type / +novelty, out of fold then Dev): relation thresholds per class pair 51.36 /
// 39.60, 52.09 / 39.95; the novelty model with every feature also conjoined with the
// predicted type: 50.22 / 38.12, 53.50 / 40.69 (with only the novelty-only features
// conjoined: 39.11 / 42.12); the shared sentences' words by section for novelty: 39.17 /
// 42.38; concept centrality (partners of the other class in shared sentences, whether the
// pair is each other's most frequent partner) for both models: 50.40 / 38.10, 52.99 /
// 40.29, for novelty only: 39.20 / 42.46; the section features for novelty only: 50.58 /
// 39.32, 53.07 / 42.19; word bags of 4 shared sentences: 50.53 / 39.19, 53.36 / 42.96 (pair
// 71.36 -> 70.51), of 1: 49.46 / 38.52, 52.45 / 42.16; the relation threshold maximizing
// +type alone: 50.47 / 39.40, 53.51 / 42.51 (pair 71.36 -> 70.91); 12 epochs: 50.27 /
// 39.30, 53.25 / 42.48; novelty epochs 12, rate 0.02, L2 1e-4: no gain.
// Also tried, with the stacked trees of scripts/build-models.sh (out of fold pair /
// +type / +novelty 73.04 / 51.06 / 39.88, Dev 74.24 / 54.05 / 43.14), none kept: for
// novelty, whether the document names a variant and whether each concept shares a
// sentence with one (the gene-disease link of a paper reporting variants is mostly
// background), and "novel"/"new" in the title or abstract: 73.05 / 50.93 / 39.83, Dev
// 74.03 / 53.97 / 42.80; the word clusters of models/clusters.bt (64/256/1024) for the
// words between the closest mentions: 73.53 / 51.31 / 39.71, Dev 73.77 / 54.26 / 43.03;
// with the clusters of the three words around them too: 73.52 / 51.06 / 39.64, Dev 72.89
// / 53.25 / 41.96; of every word between close mention pairs instead: 73.33 / 51.21 /
// 39.81, Dev 74.01 / 53.95 / 42.11; per class pair and type biases on the log
// probabilities, fitted on half of Train's documents and tested on the other half (3
// splits, both ways): right types -20 to +2 of ~1,100; 8 seeds: 73.04 / 50.94 / 39.78,
// Dev 73.58 / 53.49 / 42.11; 22 hash bits: 72.91 / 51.20 / 39.88, Dev 72.13 / 53.46 /
// 42.40; a second linear model over the allowed types alone, trained on related pairs
// only, mixed into the type distribution at 0.5: 73.42 / 51.30 / 39.93 (at 1: 73.22 /
// 50.77 / 39.78), within what a shuffle seed moves and not worth a second weight table.
// P(Novel) given the type (a class pair x type feature for the novelty model: the gold
// type in training, the predicted one after, as +novelty counts only pairs typed right):
// linear +novelty 39.20 -> 39.17, with the trees 73.14 / 50.98 / 39.72. Four more shuffle
// seeds of the bundle's recipe (train relations --seed 1, 2, 3) give Dev 73.29 / 54.35 /
// 43.31, 73.61 / 54.51 / 43.26 and 73.17 / 53.49 / 42.17 (out of fold 50.79 to 51.16
// +type): the bundle's 54.05 / 43.14 is a typical draw, not a low one.
// Multiclass trees (--trees 1) averaged with the linear model at 0.3 / 0.5: 72.73 /
// 51.09 / 39.93, Dev 72.41 / 53.15 / 41.88; 73.22 / 50.91 / 39.79, Dev 73.71 / 52.58 /
// 41.52.
// The relation threshold maximizing +type, or the mean of +type and +novelty, picks the
// trees' 0.28 as the mean of pair and +type does.
// Types follow each paper's convention more than its wording for some class pairs (BioRED
// Train: 74 of the 100 documents with two or more Disease-Variant relations use one type
// for all, 166 of 203 for Disease-Gene, but only 34 of 84 for Gene-Gene). Giving each
// predicted relation the type its document's relations of the same class pair are most
// often predicted with, out of fold on Train (4 document folds of the bundle's recipe,
// pair / +type / +novelty 72.94 / 50.95 / 38.98), turns right types wrong far more often
// than the reverse: Chemical-Disease 29 gained / 135 lost, Chemical-Gene 13 / 71,
// Disease-Variant 17 / 53, Chemical-Chemical 9 / 16, Disease-Gene 5 / 5, Gene-Gene
// 40 / 37 (on Dev Gene-Gene looked 15 / 2: noise). Which convention a paper follows
// for Disease-Variant (Association or Positive_Correlation, 72 and 69 Train papers) is
// not told by its words either: the most uneven words ("subjects" in 8 / 19 of them,
// "however" 17 / 5) are no more uneven than chance makes some of thousands of words.
// Two other models of the type, out of fold on Train against the bundle's 73.04 / 51.06
// / 39.88 (the relation decisions kept, only the type of each pair changed): (1) a
// sentence-level model (multiple-instance: 13,228 sentences that mention both concepts,
// each labelled with its pair's type; features of the closest mention pair in it: the
// words and word pairs between, the whole span between when short, three words on each
// side, order, distance, mentions between, the sentence's other words, title), its
// per-type maximum or mean over a pair's sentences mixed into the linear model's type
// distribution: alone +type 47.95 (max) / 48.06 (mean), mixed at 0.25 / 0.5: 51.00 /
// 50.86 (max), 51.06 / 50.93 (mean); (2) multiclass trees over the eight types, trained
// on related pairs only, reading the linear type distribution, the class pair, the
// relation probability, the sentence statistics and the document's type context (the
// relation-weighted mean type distribution of the other candidates of the same class
// pair, and of those sharing a concept): alone 49.53, mixed at 0.25 / 0.5: 51.20 /
// 50.64 (+novelty 40.15 / 39.75). Neither beats what a shuffle seed moves. Novelty is
// not a document's convention either: 97 of Train's 381 documents with two or more
// relations give them all one novelty, and giving each pair typed right the novelty its
// document's other predicted relations mostly have (out of fold, as above) turns 431
// right ones wrong for 140 wrong ones right (within the class pair: 330 / 122).
// Whether the pair is known: the concept pairs that co-occur in other abstracts of the
// corpora in ../shared (BioRED Train, tmVar3, BC5CDR, GNormPlus, NLM-Gene, NCBI-disease,
// NLM-Chem; 2,942 documents, Dev's left out; a document's own PMID never counts). Such
// pairs are background more often (BioRED Train: 52 % of related pairs seen elsewhere
// are not novel, against 29 % of all), but as a feature (seen in 0, 1, 2+ other
// documents), out of fold then Dev against 73.04 / 51.06 / 39.88, 74.24 / 54.05 /
// 43.14: for novelty only 73.36 / 51.19 / 39.99, 74.25 / 54.01 / 42.67; for both
// models 73.08 / 50.68 / 39.42, 74.25 / 54.35 / 43.22. The cue and position features
// already tell background statements apart.
// Also tried at stop 19, out of fold then Dev against 73.04 / 51.06 / 39.88, 74.24 /
// 54.05 / 43.14, none kept: the concepts' MeSH tree branches (two levels: "C10",
// "C10.228"; supplementary disease concepts by their mapped descriptors), for each
// argument: 72.80 / 50.93 / 39.92, Dev 73.71 / 54.05 / 42.92; with their pairs too:
// 72.53 / 50.40 / 39.36, 74.09 / 54.21 / 43.11. Self-training: BioTator's own
// relations on 2,511 other abstracts of ../shared (bc5cdr, NCBI-disease, GNormPlus,
// NLM-Gene, tmVar3; BioRED's documents left out) as auxiliary examples of every class
// pair: Dev 71.65 / 52.83 / 41.77 at weight 0.1, 71.87 / 52.59 / 41.40 at 0.3 (its out
// of fold, 78 / 63 / 49, is no measure: the labelling model had learned the held-out
// folds). The type and novelty models' L2 (--l2) at 1e-5, 1e-4, 3e-4, 1e-3, 1e-2:
// +type out of fold 50.88, 51.18, 51.14, 51.12, 50.88 (Dev 53.52 to 54.86); 4 epochs
// (--epochs): 51.28, Dev 53.54. How often bc5cdr names each concept as a CID argument
// (its documents that BioRED Train or Dev hold left out; in how many documents, and
// in what share of those naming it), for Chemical-Disease candidates: the linear
// model's Chemical-Disease type F1 58.86 -> 60.51, but with the trees 72.96 / 51.20 /
// 40.00, Dev 74.69 / 54.34 / 43.28; for every class pair 73.12 / 51.42 / 40.19, Dev
// 74.18 / 53.50 / 42.48.
// A neural network trained from scratch (stop 20), out of fold against the bundle's
// 73.04 / 51.06 / 39.88 (the linear model alone 71.50 / 50.22 / 39.20): one hidden
// layer of ReLU units over the type model's hashed features (an embedding row of each
// feature summed, AdaGrad, 8 epochs, softmax over the allowed classes), its class
// probabilities averaged with the linear model's in every fold (the trees stacked on
// the mix). 16 units, one network: linear 72.52 / 51.45 / 39.93, with the trees 73.59 /
// 51.90 / 40.54; but three networks averaged (less initialization noise): 73.17 / 51.22
// / 40.00, at mix 0.3: 73.06 / 51.13 / 40.03, 4 epochs: 73.24 / 51.26 / 39.96; 8 units:
// 73.04 / 50.84 / 40.02; 32 units: 73.29 / 51.07 / 40.05; mix 0.75: 73.47 / 51.57 /
// 40.27. A novelty network of 16 units mixed into P(Novel): linear +novelty 39.20 ->
// 39.26 / 39.29 (8 / 4 epochs). Within what a seed moves, and its table (2^20 x 16
// floats, 64 MB) would not fit the bundle; not kept.
// A convolutional network trained from scratch (stop 20; the code is on the branch
// experiment/relation-cnn): for each candidate, up to three sentences that mention both
// concepts (the closest mention pair in each, 8 tokens around it), each word a hashed
// embedding (2^18 x 32, learned), the two arguments and other entity mentions replaced
// by class tokens, two position embeddings (distance to each argument, +-15), 64
// filters of width 3, max-pooled over positions and sentences, a softmax over the
// allowed classes with a class pair bias (AdaGrad, 4 epochs). Its class probabilities
// mixed into the linear model's for candidates with a shared sentence. Linear level,
// out of fold (linear alone 71.50 / 50.22 / 39.20): the network alone 67.44 / 42.95 /
// 33.65; mixed at 0.5: 71.74 / 50.06 / 39.37; at 0.3: 72.32 / 51.04 / 40.07; at 0.3 with
// 8 epochs and dropout 0.5: 71.99 / 50.51 / 39.49; whole sentences: 72.32 / 50.44 / 39.33;
// three networks averaged at 0.3: 72.85 / 51.62 / 40.28. With the trees stacked (the
// bundle's recipe): out of fold 74.30 / 51.75 / 40.33 against 73.04 / 51.06 / 39.88, but
// Dev with gold entities (scored in the trainer on the same candidates, where the
// bundle's recipe scores 74.19 / 54.07 / 43.16) 74.11 / 54.11 / 43.33: no gain where it
// is tested, for three networks' weights (about 10 MB once compacted) and, by count,
// millions of multiply-adds a document (the relation stage now takes 536,000
// instructions). Not integrated.

// Related pairs a class pair needs in the training data (out of fold) for novelty
// thresholds of its own; the others use the global one.
inline constexpr double kMinPairRelations = 30;

// What a model trained without an example's fold predicts for it.
struct OutOfFoldPrediction {
  double relation_probability = 0.0;
  int type = -1;  // the most probable allowed type (0..7)
  double novelty_probability = 0.0;
  double type_probability = 0.0;  // P(related) x P(type | related): the score's raw value
};

// The decision thresholds from the out-of-fold predictions `held` of `examples` (one
// each; auxiliary examples are ignored): relation_threshold maximizing the mean of pair
// and pair+type F1 (against `gold_relations`, which counts the relations without a
// candidate too), then novelty_threshold and pair_novelty_threshold maximizing the
// novelty labels right on the pairs predicted with their right type, per class pair
// where it has kMinPairRelations.
void choose_relation_thresholds(const std::vector<RelationExample>& examples,
                                const std::vector<OutOfFoldPrediction>& held, double gold_relations,
                                RelationModel& model);

// The score's calibration (RelationModel::score_calibration) from (raw score, whether
// the line is right) of predicted relations: isotonic regression (pool adjacent
// violators, over the pairs sorted by raw score, right ones after wrong ones among
// equals), one knot per pooled block at its mean raw score and its share of right
// lines. Blocks with the same mean raw score are merged. Empty for no pairs.
std::vector<std::pair<float, float>> fit_score_calibration(std::vector<std::pair<double, bool>> scored);

// The calibration of `model`'s scores from the out-of-fold predictions `held` of
// `examples`: the BioRED examples predicted related at model.relation_threshold, right
// when their type is the gold one.
std::vector<std::pair<float, float>> score_calibration_of(const std::vector<RelationExample>& examples,
                                                          const std::vector<OutOfFoldPrediction>& held,
                                                          const RelationModel& model);

// Trains on `train`; when `dev` is not empty, logs its scores with gold entities (Dev
// is only reported, never used for a decision). Progress goes to `log`.
// `auxiliary`: documents with Chemical-Gene relations only (e.g. DrugProt mapped to
// BioRED's types), added to every training fold with options.auxiliary_weight, never
// used for the thresholds or the novelty model. Only their Chemical-Gene candidates that
// share a sentence are used: a corpus of relations stated within a sentence (DrugProt)
// says nothing of the document-level relations BioRED also annotates, so its pairs in
// different sentences are unknown rather than "none". Documents of `auxiliary` whose id
// is that of a `train` or `dev` document are left out (corpora may share abstracts; Dev
// must never be trained on) and counted in the log.
RelationModel train_relation_model(const std::vector<Document>& train, const std::vector<Document>& dev,
                                   const RelationTrainingOptions& options, std::ostream& log,
                                   const std::vector<Document>& auxiliary = {});

}  // namespace biotator
