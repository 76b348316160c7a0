// The local service without sockets: routing, parameters, errors, and the promise that
// a POSTed body gets exactly the bytes `biotator annotate` writes for the same input
// and flags (checked against the built CLI with the committed model bundle).
#include "annotation_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_test_support.h"
#include "test_paths.h"

namespace biotator {
namespace {

namespace fs = std::filesystem;

ServiceRequest post(const std::string& body, std::vector<std::pair<std::string, std::string>> parameters = {}) {
  return {"POST", "/annotate", std::move(parameters), body};
}

std::string header(const ServiceResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "<none>";
}

// Hand-written PubTator: two documents with entities and a relation, so the modes that
// keep the input's entities have something to keep.
const char* kPubTator =
    "101|t|Aspirin lowers fever.\n"
    "101|a|In rats, aspirin reduced fever caused by IL-1. \n"
    "101\t0\t7\tAspirin\tChemical\tMESH:D001241\n"
    "101\t15\t20\tfever\tDisease\tMESH:D005334\n"
    "101\tNegative_Correlation\tMESH:D001241\tMESH:D005334\n"
    "\n"
    "102|t|Metformin and diabetes.\n"
    "102|a|Metformin is given to patients with type 2 diabetes. \n"
    "102\t0\t9\tMetformin\tChemical\tMESH:D008687\n"
    "\n";

// The same documents as the entities-from-input run writes them with an empty bundle:
// entities kept, relations dropped (there is no relation model).
const char* kPubTatorEntitiesOnly =
    "101|t|Aspirin lowers fever.\n"
    "101|a|In rats, aspirin reduced fever caused by IL-1. \n"
    "101\t0\t7\tAspirin\tChemical\tMESH:D001241\n"
    "101\t15\t20\tfever\tDisease\tMESH:D005334\n"
    "\n"
    "102|t|Metformin and diabetes.\n"
    "102|a|Metformin is given to patients with type 2 diabetes. \n"
    "102\t0\t9\tMetformin\tChemical\tMESH:D008687\n"
    "\n";

// Line 3 has an end offset before its start.
const char* kBadPubTator =
    "201|t|Aspirin lowers fever.\n"
    "201|a|Nothing more. \n"
    "201\t9\t2\tAspirin\tChemical\tMESH:D001241\n"
    "\n";

// The service over an empty bundle: no recognition, no relations. Requests that keep
// the input's entities still run, so everything but recognition can be checked without
// models.
class ServiceWithoutModels : public ::testing::Test {
 protected:
  ServiceWithoutModels() : service_(bundle_, options()) {}
  static ServiceOptions options() {
    ServiceOptions o;
    o.defaults.entities_from_input = true;
    o.max_body_bytes = 4096;
    return o;
  }
  ModelBundle bundle_;
  AnnotationService service_;
};

TEST_F(ServiceWithoutModels, AnnotatesTheBody) {
  ServiceResponse r = service_.handle(post(kPubTator));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(r.body, kPubTatorEntitiesOnly);
  EXPECT_TRUE(r.headers.empty());
}

TEST_F(ServiceWithoutModels, WritesTheFormatAskedFor) {
  ServiceResponse r = service_.handle(post(kPubTator, {{"to", "bioc-json"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  const nlohmann::json j = nlohmann::json::parse(r.body);
  ASSERT_EQ(j["documents"].size(), 2u) << r.body;
  EXPECT_EQ(j["documents"][0]["id"], "101");
  // Back to PubTator through the service: the same documents.
  ServiceResponse back = service_.handle(post(r.body, {{"from", "bioc-json"}}));
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.body, kPubTatorEntitiesOnly);

  ServiceResponse xml = service_.handle(post(kPubTator, {{"to", "bioc-xml"}}));
  ASSERT_EQ(xml.status, 200) << xml.body;
  EXPECT_EQ(xml.content_type, "application/xml; charset=utf-8");
  EXPECT_NE(xml.body.find("<collection>"), std::string::npos) << xml.body;
}

TEST_F(ServiceWithoutModels, BadInputNamesTheLineAsAnnotateDoes) {
  ServiceResponse r = service_.handle(post(kBadPubTator));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_TRUE(r.body.starts_with("request body:3: ")) << r.body;
  EXPECT_EQ(std::count(r.body.begin(), r.body.end(), '\n'), 1) << r.body;
  // The reason is the CLI's, word for word.
  const std::string empty_models = testing::temp_path("service_no_models");
  fs::create_directories(empty_models);
  const std::string file = testing::temp_path("service_bad.pubtator");
  std::ofstream(file, std::ios::binary) << kBadPubTator;
  const std::string err = testing::temp_path("service_bad.err");
  const std::string cmd = testing::cli_path() + " annotate --entities-from-input --quiet --models " + empty_models +
                          " " + file + " >/dev/null 2>" + err;
  const int status = std::system(cmd.c_str());
  const std::string cli_error = testing::read_file(err);
  fs::remove(file);
  fs::remove(err);
  fs::remove(empty_models);
  ASSERT_NE(status, 0);
  ASSERT_TRUE(cli_error.starts_with("biotator: " + file + ":3: ")) << cli_error;
  EXPECT_EQ(r.body.substr(std::string("request body").size()),
            cli_error.substr(std::string("biotator: ").size() + file.size()));
}

TEST_F(ServiceWithoutModels, KeepGoingSkipsBadDocumentsAndNamesThem) {
  const std::string body = std::string(kBadPubTator) + kPubTator;
  ServiceResponse stopped = service_.handle(post(body));
  EXPECT_EQ(stopped.status, 400);
  ServiceResponse r = service_.handle(post(body, {{"keep_going", "1"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, kPubTatorEntitiesOnly);
  EXPECT_EQ(header(r, "X-Biotator-Skipped"), "1");
  EXPECT_TRUE(header(r, "X-Biotator-Skipped-Document").starts_with("request body:3: "))
      << header(r, "X-Biotator-Skipped-Document");
}

TEST_F(ServiceWithoutModels, MismatchedMentionsAreKeptWithAWarningWhenAllowed) {
  // Line 3's offsets slice "Aspirin" nowhere: bad input, unless allowed.
  const char* shifted =
      "202|t|Aspirin lowers fever.\n"
      "202|a|Nothing more. \n"
      "202\t1\t8\tAspirin\tChemical\tMESH:D001241\n"
      "\n";
  EXPECT_EQ(service_.handle(post(shifted)).status, 400);
  ServiceResponse r = service_.handle(post(shifted, {{"allow_mismatched_mentions", "1"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("202\t1\t8\tAspirin\tChemical"), std::string::npos) << r.body;
  EXPECT_TRUE(header(r, "X-Biotator-Warning").starts_with("warning: request body:3: "))
      << header(r, "X-Biotator-Warning");
}

TEST_F(ServiceWithoutModels, BadParametersAreNamed) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> parameters;
    std::string named;
  };
  const Case cases[] = {
      {{{"colour", "red"}}, "unknown parameter colour"},
      {{{"to", "pubmed-xml"}}, "parameter to: expected pubtator, bioc-xml, bioc-json or pubtator3-json"},
      {{{"from", "word"}}, "parameter from: expected"},
      {{{"novelty", "yes please"}}, "parameter novelty: expected 1, 0, true or false"},
      {{{"min_score", "0.5x"}}, "parameter min_score: expected a number"},
      {{{"min_score", "nan"}}, "parameter min_score: expected a number"},
      {{{"type_names", "ncbi"}}, "parameter type_names: expected pubtator3 or biored"},
      {{{"id_style", "mesh"}}, "parameter id_style: expected pubtator3 or biored"},
      {{{"variant_rs_lookup", "3"}}, "parameter variant_rs_lookup: expected 0, 1 or 2"},
      {{{"scores", "1"}, {"scores", "0"}}, "parameter scores given twice"},
      {{{"link_input_mentions", "1"}}, "--link-input-mentions and --entities-from-input exclude each other"},
  };
  for (const Case& c : cases) {
    ServiceResponse r = service_.handle(post(kPubTator, c.parameters));
    EXPECT_EQ(r.status, 400) << c.named;
    EXPECT_NE(r.body.find(c.named), std::string::npos) << r.body;
  }
  // Parameters the defaults already hold, and '-' for '_', are fine.
  ServiceResponse r = service_.handle(post(kPubTator, {{"entities-from-input", "true"}, {"min_score", "0.25"}}));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, kPubTatorEntitiesOnly);
}

TEST_F(ServiceWithoutModels, RoutesPathsAndMethods) {
  ServiceResponse missing = service_.handle({"GET", "/annotations", {}, ""});
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("/annotations"), std::string::npos);
  ServiceResponse get_annotate = service_.handle({"GET", "/annotate", {}, ""});
  EXPECT_EQ(get_annotate.status, 405);
  EXPECT_EQ(header(get_annotate, "Allow"), "POST");
  ServiceResponse post_health = service_.handle({"POST", "/health", {}, "x"});
  EXPECT_EQ(post_health.status, 405);
  EXPECT_EQ(header(post_health, "Allow"), "GET, HEAD");
}

TEST_F(ServiceWithoutModels, RefusesABodyOverTheLimit) {
  ServiceResponse r = service_.handle(post(std::string(4097, 'x')));
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(r.body.find("4096"), std::string::npos) << r.body;
}

TEST_F(ServiceWithoutModels, RecognitionWithoutAModelIsUnavailable) {
  ServiceOptions o;  // full annotation by default
  AnnotationService service(bundle_, o);
  ServiceResponse r = service.handle(post("Aspirin lowers fever."));
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("ner.bt"), std::string::npos) << r.body;
}

TEST_F(ServiceWithoutModels, HealthSaysWhatIsLoaded) {
  ServiceResponse r = service_.handle({"GET", "/health", {}, ""});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  const nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["version"], BIOTATOR_VERSION);
  EXPECT_TRUE(j["models"]["loaded"].empty());
  EXPECT_EQ(j["max_body_bytes"], 4096);
}

// With the committed model bundle: the service and `biotator annotate` agree byte for
// byte, for every output format and with the relation flags.
class ServiceWithModels : public testing::CliTest {
 protected:
  static const ModelBundle* bundle() {
    static const std::unique_ptr<ModelBundle> bundle = []() -> std::unique_ptr<ModelBundle> {
      const std::string dir = testing::source_dir() + "/models";
      if (!fs::exists(dir + "/" + ModelBundle::kNerFile)) return nullptr;
      return std::make_unique<ModelBundle>(ModelBundle::load(dir));
    }();
    return bundle.get();
  }
  void SetUp() override {
    testing::CliTest::SetUp();
    if (bundle() == nullptr) GTEST_SKIP() << "no committed models";
  }
  // `biotator annotate FLAGS -` with `input` on stdin: its stdout.
  std::string annotate_with_cli(const std::string& input, const std::string& flags) {
    const std::string in = write("input", input);
    testing::RunResult r =
        run("annotate --quiet --threads 1 --models " + testing::source_dir() + "/models " + flags + " -", in);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
};

const char* kText =
    "Imatinib response in chronic myeloid leukemia patients carrying the BCR-ABL1 T315I mutation.\n"
    "We treated 12 patients with imatinib; the T315I substitution in ABL1 was associated with resistance, "
    "and nilotinib reduced tumour burden in K-562 cells of mice.\n";

// A document with several relations (to see the relation flags at work).
const char* kPubTatorRelations =
    "103|t|Imatinib response in chronic myeloid leukemia patients carrying the BCR-ABL1 T315I mutation.\n"
    "103|a|We treated 12 patients with imatinib; the T315I substitution in ABL1 was associated with resistance, "
    "and nilotinib reduced tumour burden in K-562 cells of mice.\n"
    "\n";

TEST_F(ServiceWithModels, PlainTextGetsTheBytesAnnotateWrites) {
  AnnotationService service(*bundle(), {});
  ServiceResponse r = service.handle(post(kText));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, annotate_with_cli(kText, ""));
  EXPECT_TRUE(r.body.starts_with("stdin|t|Imatinib response")) << r.body;
  EXPECT_NE(r.body.find("\tImatinib\tChemical\t"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\tT315I\tProteinMutation\t"), std::string::npos) << r.body;
  // Named by the request: only the ID changes.
  ServiceResponse named = service.handle(post(kText, {{"id", "12345"}}));
  ASSERT_EQ(named.status, 200) << named.body;
  std::string renamed = r.body;
  for (size_t at = renamed.find("stdin"); at != std::string::npos; at = renamed.find("stdin", at + 5))
    renamed.replace(at, 5, "12345");
  EXPECT_EQ(named.body, renamed);
  EXPECT_EQ(service.handle(post(kText, {{"id", "a|b"}})).status, 400);
}

TEST_F(ServiceWithModels, PubTatorGetsTheBytesAnnotateWritesInEveryFormat) {
  AnnotationService service(*bundle(), {});
  for (const std::string to : {"pubtator", "bioc-xml", "bioc-json", "pubtator3-json"}) {
    ServiceResponse r = service.handle(post(kPubTator, {{"to", to}}));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body, annotate_with_cli(kPubTator, "--to " + to)) << to;
  }
  const nlohmann::json j = nlohmann::json::parse(service.handle(post(kPubTator, {{"to", "bioc-json"}})).body);
  EXPECT_EQ(j["documents"].size(), 2u);
  const nlohmann::json p3 = nlohmann::json::parse(service.handle(post(kPubTator, {{"to", "pubtator3-json"}})).body);
  EXPECT_EQ(p3["PubTator3"].size(), 2u);
}

TEST_F(ServiceWithModels, ParametersOverrideTheServersDefaults) {
  ServiceOptions o;
  o.defaults.novelty = true;  // as `serve --novelty`
  AnnotationService service(*bundle(), o);
  const std::string input = std::string(kPubTator) + kPubTatorRelations;
  ServiceResponse with_novelty = service.handle(post(input, {{"scores", "1"}}));
  ASSERT_EQ(with_novelty.status, 200) << with_novelty.body;
  EXPECT_EQ(with_novelty.body, annotate_with_cli(input, "--novelty --scores"));
  EXPECT_NE(with_novelty.body.find("\tNegative_Correlation\tMESH:D000068877\tMESH:D009369\tNovel\t0."),
            std::string::npos)
      << with_novelty.body;
  ServiceResponse plain = service.handle(post(input, {{"novelty", "0"}, {"type_names", "biored"}}));
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(plain.body, annotate_with_cli(input, "--type-names biored"));
  ServiceResponse ids = service.handle(post(input, {{"id_style", "biored"}}));
  ASSERT_EQ(ids.status, 200) << ids.body;
  EXPECT_EQ(ids.body, annotate_with_cli(input, "--novelty --id-style biored"));
  EXPECT_EQ(ids.body.find("MESH:"), std::string::npos) << ids.body;
  EXPECT_NE(plain.body, with_novelty.body);
  // The same request again (a pipeline reused from the pool): the same bytes.
  EXPECT_EQ(service.handle(post(input, {{"scores", "1"}})).body, with_novelty.body);
}

// Requests on several threads at once, with different options, each get what they get
// alone (no pipeline is shared between two requests in flight).
TEST_F(ServiceWithModels, ConcurrentRequestsGetTheirOwnAnswers) {
  AnnotationService service(*bundle(), {});
  const std::string input = std::string(kPubTator) + kPubTatorRelations;
  const std::vector<std::vector<std::pair<std::string, std::string>>> variants = {
      {}, {{"scores", "1"}}, {{"to", "bioc-json"}}, {{"novelty", "1"}, {"type_names", "biored"}}};
  std::vector<std::string> alone;
  for (const auto& p : variants) alone.push_back(service.handle(post(input, p)).body);
  constexpr int kThreads = 4, kRounds = 3;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i)
        got[t].push_back(service.handle(post(input, variants[(t + i) % variants.size()])).body);
    });
  for (auto& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kRounds; ++i) EXPECT_EQ(got[t][i], alone[(t + i) % variants.size()]) << t << " " << i;
}

}  // namespace
}  // namespace biotator
